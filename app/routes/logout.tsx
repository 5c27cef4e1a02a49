import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "#app/infra/auth.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await signOut(request);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/");
}
