import { readCookie } from "../http.server.ts";
import { langOfSearch } from "./addresses.ts";
import { isLang, type Lang } from "./i18n.ts";
import { LANG_COOKIE, langCookie } from "./lang-cookie.ts";

/** The language the address names (`?lang=sv`, ADR 010), or null when it names none. */
export function addressLang(request: Request): Lang | null {
  return langOfSearch(new URL(request.url).searchParams);
}

/**
 * The page's language: the address's (`?lang=`), else the switch's cookie,
 * else the browser's preference, else Finnish. Only the last three depend
 * on the request's headers, so only then do responses `Vary` on them.
 */
export function getLang(request: Request): Lang {
  const fromAddress = addressLang(request);
  if (fromAddress) return fromAddress;
  const fromCookie = readCookie(request.headers.get("Cookie"), LANG_COOKIE);
  if (isLang(fromCookie)) return fromCookie;
  const accept = request.headers.get("Accept-Language") ?? "";
  for (const part of accept.split(",")) {
    const code = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (isLang(code)) return code;
  }
  return "fi";
}

export { langCookie };
