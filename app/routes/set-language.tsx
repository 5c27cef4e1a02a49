import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { LANGS } from "#app/infra/i18n/i18n.ts";
import { langCookie } from "#app/infra/i18n/lang.server.ts";
import { switchAddressLang } from "#app/infra/i18n/addresses.ts";
import { safeRedirect } from "#app/modules/auth/auth-schema.ts";

const LanguageFormSchema = z.object({
  lang: z.enum(LANGS),
  redirectTo: z.string().max(2000).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return Response.json({ fieldErrors: { lang: "lang must be fi, sv or en" } }, { status: 400 });
  // A page whose address names its language (ADR 010) goes to the chosen language's address.
  const target = switchAddressLang(safeRedirect(parsed.data.redirectTo, "/"), parsed.data.lang);
  return redirect(target, {
    headers: { "Set-Cookie": langCookie(parsed.data.lang) },
  });
}

export async function loader() {
  return redirect("/");
}
