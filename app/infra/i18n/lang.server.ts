import { readCookie } from "../http.server.ts";
import { isLang, type Lang } from "./i18n.ts";

const COOKIE = "luotsi_lang";

/** The chosen language: the switch's cookie, else the browser's preference, else Finnish. */
export function getLang(request: Request): Lang {
  const fromCookie = readCookie(request.headers.get("Cookie"), COOKIE);
  if (isLang(fromCookie)) return fromCookie;
  const accept = request.headers.get("Accept-Language") ?? "";
  for (const part of accept.split(",")) {
    const code = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (isLang(code)) return code;
  }
  return "fi";
}

export function langCookie(lang: Lang) {
  return `${COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
