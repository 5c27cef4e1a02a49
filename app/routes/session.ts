import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { extendSession, peekSessionEnd } from "#app/infra/auth.server.ts";
import { jsonResponse } from "#app/infra/http.server.ts";

/**
 * The browser's session-expiry warning (components/session-watch.tsx, WCAG
 * 2.2.1). GET says when the session ends without extending it (so that
 * asking does not keep an idle session alive); POST is "continue": a full
 * idle period from now. Signed out: `endsAt` null.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return jsonResponse(
    { endsAt: await peekSessionEnd(request) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  return jsonResponse(
    { endsAt: await extendSession(request) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
