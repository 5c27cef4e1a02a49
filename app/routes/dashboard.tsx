import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "#app/infra/auth.server.ts";

/** Each role has its own start page. */
const HOME = {
  admin: "/admin",
  staff: "/staff",
  worker: "/worker",
  pilot: "/pilot",
  participant: "/me",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  throw redirect(HOME[user.role]);
}
