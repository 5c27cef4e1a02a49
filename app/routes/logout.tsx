import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "#app/infra/auth.server.ts";
import { browsingCookie } from "#app/modules/participants/shortlist.server.ts";

/** Ends the session, and the participant a worker was browsing with goes with it. */
export async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers();
  headers.append("Set-Cookie", await signOut(request));
  headers.append("Set-Cookie", browsingCookie(request, null));
  return redirect("/", { headers });
}

export async function loader() {
  return redirect("/");
}
