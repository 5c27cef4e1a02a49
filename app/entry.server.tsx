import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceContext } from "./infra/nonce.tsx";
import { getPlaceNames, nearbyMunicipalities } from "./modules/places/municipalities.server.ts";

// The catalog's place tables (inflected names, villages, neighbours within 30 km)
// are built when the server starts, not on the first search (issue #13).
getPlaceNames();
nearbyMunicipalities("Helsinki");

/**
 * Renders the whole document to a string and answers with it in one piece
 * (docs/decisions/008-render-to-string.md). Luotsi defers no data, so a
 * stream would gain nothing; and React 18.3's streaming renderer can put a
 * NUL byte into the output when a multi-byte character straddles its 2 KiB
 * buffer (react#24985), which the string renderer never does.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { nonce?: string }).nonce ?? "";
  const markup = renderToString(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${markup}`, {
    headers: responseHeaders,
    status: responseStatusCode,
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
