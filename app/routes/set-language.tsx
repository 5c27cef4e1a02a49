import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { LANGS } from "#app/infra/i18n/i18n.ts";
import { langCookie } from "#app/infra/i18n/lang.server.ts";
import { safeRedirect } from "#app/modules/auth/auth-schema.ts";
import { jsonResponse } from "#app/infra/http.server.ts";

const LanguageFormSchema = z.object({
  lang: z.enum(LANGS),
  redirectTo: z.string().max(2000).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return jsonResponse({ fieldErrors: { lang: "lang must be fi, sv or en" } }, 400);
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": langCookie(parsed.data.lang) },
  });
}

export async function loader() {
  return redirect("/");
}
