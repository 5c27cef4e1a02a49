import type { Locale } from "./i18n.ts";

/** The language switch's cookie: read on the server, written by the switch and by the browser (ADR 012). */
export const LANG_COOKIE = "luotsi_lang";

export function langCookie(locale: Locale) {
  return `${LANG_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
