import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { fieldErrorsOf } from "#app/infra/forms.ts";
import { LOCALES } from "#app/infra/i18n/i18n.ts";
import { langCookie } from "#app/infra/i18n/lang.server.ts";
import { switchAddressLang } from "#app/infra/i18n/addresses.ts";
import { RedirectToSchema, safeRedirect } from "#app/modules/auth/auth-schema.ts";
import { jsonResponse } from "#app/infra/http.server.ts";

const LanguageFormSchema = z.object({
  lang: z.enum(LOCALES),
  redirectTo: RedirectToSchema,
});

/**
 * Remembers the chosen locale and returns to the page. An address that
 * names its language (`?lang=`) is sent to the same page in the new one;
 * one that does not stays without, and the cookie decides (ADR 012).
 */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    if (fieldErrors.lang) fieldErrors.lang = `lang must be one of ${LOCALES.join(", ")}`;
    return jsonResponse({ fieldErrors }, 400);
  }
  // A page whose address names its language (ADR 012) goes to the chosen locale's address.
  const target = switchAddressLang(safeRedirect(parsed.data.redirectTo, "/"), parsed.data.lang);
  return redirect(target, {
    headers: { "Set-Cookie": langCookie(parsed.data.lang) },
  });
}

export async function loader() {
  return redirect("/");
}
