import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser, peekSessionEnd, sessionEndsAt } from "#app/infra/auth.server.ts";
import { jsonResponse } from "#app/infra/http.server.ts";

/**
 * The browser's session-expiry warning (components/session-watch.tsx, WCAG
 * 2.2.1). GET says when the session ends without extending it (so that
 * asking does not keep an idle session alive); POST is "continue": it
 * extends the session the way any request does. Signed out: `endsAt` null.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return jsonResponse(
    { endsAt: await peekSessionEnd(request) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const found = await getSessionUser(request);
  return jsonResponse(
    { endsAt: found ? sessionEndsAt(found) : null },
    { headers: { "Cache-Control": "no-store" } },
  );
}
