import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceContext } from "./infra/nonce.tsx";
import { installRouteMatchCache } from "./infra/route-match-cache.server.ts";
import { loader as rootLoader } from "./root.tsx";
import { getPlaceNames, nearbyMunicipalities } from "./modules/places/municipalities.server.ts";

// Remix matches the address against every route several times per request;
// remembered per route tree and address (docs/decisions/026-route-match-cache.md).
installRouteMatchCache();

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
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  await loadRootDataForNotFound(request, responseStatusCode, remixContext, loadContext);
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

/**
 * An address that matches no route gets a 404 with no loader run, so the
 * page would not know the visitor's language or whether they are signed in.
 * Load the root's data for it, in the server's render and in the data the
 * browser hydrates with, so the "page not found" page speaks the visitor's
 * language, has its title, and keeps the signed-in header.
 */
async function loadRootDataForNotFound(
  request: Request,
  status: number,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const handler = remixContext.staticHandlerContext;
  if (status !== 404 || handler.loaderData.root !== undefined) return;
  if (handler.matches.length !== 1 || handler.matches[0]?.route.id !== "root") return;
  const data = await rootLoader({ request, params: {}, context: loadContext });
  handler.loaderData.root = data;
  const handoff = JSON.parse(remixContext.serverHandoffString ?? "{}") as {
    state?: { loaderData?: Record<string, unknown> };
  };
  if (handoff.state?.loaderData) handoff.state.loaderData.root = data;
  // The same escaping Remix gives the hand-off (it is put inside a <script>).
  remixContext.serverHandoffString = JSON.stringify(handoff).replace(
    /[&<>\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
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
