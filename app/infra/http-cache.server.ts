import crypto from "node:crypto";

/**
 * A public, cacheable answer with a strong ETag (a hash of the body): a
 * client that sends the same ETag back in If-None-Match gets 304 and no
 * body. For documents that are the same for everyone (open data, calendars,
 * the sitemap); the loader also lets the page cache keep them
 * (`allowPublicCaching`), whose key moves with every public write.
 */
export function cacheableResponse(
  request: Request,
  body: string,
  options: { contentType: string; maxAgeSeconds: number; headers?: HeadersInit; status?: number },
): Response {
  const etag = `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = new Headers(options.headers);
  headers.set("Content-Type", options.contentType);
  headers.set("ETag", etag);
  headers.set("Cache-Control", `public, max-age=${options.maxAgeSeconds}`);
  if ((options.status ?? 200) === 200 && ifNoneMatch(request, etag)) {
    headers.delete("Content-Type");
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: options.status ?? 200, headers });
}

/** RFC 9110 13.1.2: weak comparison, `*` matches any current representation. */
function ifNoneMatch(request: Request, etag: string) {
  const header = request.headers.get("If-None-Match");
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

/** A short plain-text answer, such as a 404 that says why. */
export function plainTextResponse(text: string, status: number, headers?: HeadersInit) {
  const h = new Headers(headers);
  h.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(`${text}\n`, { status, headers: h });
}

/** An iCalendar file or feed: cacheable, re-fetched by calendar apps every few hours. */
export function calendarResponse(request: Request, body: string, headers?: HeadersInit) {
  return cacheableResponse(request, body, {
    contentType: "text/calendar; charset=utf-8",
    maxAgeSeconds: 300,
    headers,
  });
}
