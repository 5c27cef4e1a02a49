import { readCookie } from "../http.server.ts";
import { localeOfSearch } from "./addresses.ts";
import {
  baseLangOf,
  isLang,
  isLocale,
  LANGS,
  PARTICIPANT_LANGS,
  type Lang,
  type Locale,
} from "./i18n.ts";
import { LANG_COOKIE, langCookie } from "./lang-cookie.ts";
import { ensureServerPacks } from "./packs.server.ts";

// Every locale's pack is loaded on the server: pages and mail render in any of them.
ensureServerPacks();

/** The locale the address names (`?lang=uk`, `?lang=fi-x-selko`; ADR 012), or null when it names none. */
export function addressLocale(request: Request): Locale | null {
  return localeOfSearch(new URL(request.url).searchParams);
}

/** The fi/sv/en language behind the address's locale, or null when it names none. */
export function addressLang(request: Request): Lang | null {
  const locale = addressLocale(request);
  return locale ? baseLangOf(locale) : null;
}

/** The primary subtags of Accept-Language, most wanted first. */
function acceptedLanguages(request: Request): string[] {
  return (request.headers.get("Accept-Language") ?? "")
    .split(",")
    .map((part) => part.split(";")[0]?.trim().slice(0, 2).toLowerCase() ?? "")
    .filter(Boolean);
}

/** A locale the visitor chose: the address's `?lang=`, else the switch's cookie. */
function chosenLocale(request: Request): Locale | null {
  const fromAddress = addressLocale(request);
  if (fromAddress) return fromAddress;
  const fromCookie = readCookie(request.headers.get("Cookie"), LANG_COOKIE);
  return isLocale(fromCookie) ? fromCookie : null;
}

/**
 * The locale of public and participant-facing pages: the address's
 * `?lang=`, else the switch's cookie, else the browser's preference among
 * the participant languages, else Finnish. Only the last three depend on
 * the request's headers, so only then do responses `Vary` on them.
 */
export function getLocale(request: Request): Locale {
  const chosen = chosenLocale(request);
  if (chosen) return chosen;
  const accepted = acceptedLanguages(request).find((code) =>
    (PARTICIPANT_LANGS as readonly string[]).includes(code),
  );
  return (accepted as Locale | undefined) ?? "fi";
}

/**
 * The language of professional screens and of fi/sv/en data: a chosen
 * locale's base language (Ukrainian → English, plain Finnish → Finnish),
 * else the browser's preference among fi/sv/en, else Finnish.
 */
export function getLang(request: Request): Lang {
  const chosen = chosenLocale(request);
  if (chosen) return baseLangOf(chosen);
  const accepted = acceptedLanguages(request).find((code) =>
    (LANGS as readonly string[]).includes(code),
  );
  return isLang(accepted) ? accepted : "fi";
}

export { langCookie };
