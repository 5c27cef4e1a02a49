import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./infra/nonce.tsx";
import { getPlaceNames, nearbyMunicipalities } from "./modules/places/municipalities.server.ts";

const ABORT_DELAY = 5_000;

// The catalog's place tables (inflected names, villages, neighbours within 30 km)
// are built when the server starts, not on the first search (issue #13).
getPlaceNames();
nearbyMunicipalities("Helsinki");

/**
 * Renders the whole document, then answers with it in one piece. Luotsi
 * defers no data, so streaming the shell early would gain nothing, while
 * piping React's many small chunks through a web stream and back into the
 * HTTP response roughly tripled a catalog page's time to first byte
 * (docs/benchmarks.md, "Load").
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { nonce?: string }).nonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          const chunks: Buffer[] = [];
          const body = new Writable({
            write(chunk: Buffer, _encoding, callback) {
              chunks.push(chunk);
              callback();
            },
            final(callback) {
              clearTimeout(timer);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(
                new Response(Buffer.concat(chunks), {
                  headers: responseHeaders,
                  status: responseStatusCode,
                }),
              );
              callback();
            },
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Only the path: query strings may hold search words typed by a person.
  const path = new URL(request.url).pathname;
  console.error(
    `Error while handling ${request.method} ${path}:`,
    error instanceof Error ? error.stack : error,
  );
}
