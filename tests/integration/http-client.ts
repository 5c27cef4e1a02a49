import http from "node:http";

/**
 * A raw HTTP client for tests through the real server: unlike fetch it can
 * send any Host header, chunked bodies and malformed content, and it never
 * follows redirects.
 */
export type RawResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  location: string | null;
};

export function rawRequest(
  baseUrl: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
    /** Send the body in pieces without a Content-Length (Transfer-Encoding: chunked). */
    chunked?: boolean;
  },
): Promise<RawResponse> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: options.method ?? "GET",
        path: options.path,
        headers: { Connection: "close", ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            location: (res.headers.location as string | undefined) ?? null,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    const body = options.body;
    if (body === undefined) return req.end();
    if (!options.chunked) {
      req.setHeader("Content-Length", Buffer.byteLength(body));
      return req.end(body);
    }
    const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const piece = 64 * 1024;
    let offset = 0;
    const pump = () => {
      while (offset < buffer.length) {
        const ok = req.write(buffer.subarray(offset, offset + piece));
        offset += piece;
        if (!ok) return void req.once("drain", pump);
      }
      req.end();
    };
    // A server that answers early closes the connection; the rest of the body has nowhere to go.
    req.on("error", () => {});
    pump();
  });
}

/** The session cookie's name=value from a Set-Cookie list. */
export function cookieOf(setCookie: string | string[] | undefined, name: string) {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = list.find((c) => c.startsWith(`${name}=`));
  return found?.split(";")[0];
}
