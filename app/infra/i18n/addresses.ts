import { baseLangOf, isLocale, LANGS, PARTICIPANT_LANGS, type Lang, type Locale } from "./i18n.ts";

/**
 * Luotsi's per-language addresses (ADR 012): every public page exists once
 * per language at the same path with `?lang=xx`; the address without the
 * parameter is the "x-default" one and answers in the visitor's preferred
 * language (cookie, then Accept-Language, then Finnish).
 *
 * A participant language or a plain-language variant is one more value of
 * the same parameter (`?lang=uk`, `?lang=fi-x-selko`, ADR 017), so caches
 * and search engines keep every version apart with no second mechanism.
 */
export const LANG_PARAM = "lang";

/** The languages of public pages shown in fi/sv/en only (organization pages). */
export const ADDRESS_LANGS: readonly Lang[] = LANGS;

/**
 * The hreflang cluster of the pages shown in every participant language
 * (the catalog and activity pages). Plain-language pages are not in it:
 * they are in the same language as the standard page and hreflang cannot
 * say "plain"; each is its own canonical address.
 */
export const PARTICIPANT_ADDRESS_LANGS: readonly Locale[] = PARTICIPANT_LANGS;

/** The locale an address names with `?lang=`, or null (absent or not one of ours). */
export function localeOfSearch(search: URLSearchParams | string): Locale | null {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const value = params.get(LANG_PARAM);
  return isLocale(value) ? value : null;
}

/**
 * The fi/sv/en language an address names, for what exists only in those
 * (calendars, the manifest): `?lang=uk` gives English, `?lang=fi-x-selko` Finnish.
 */
export function langOfSearch(search: URLSearchParams | string): Lang | null {
  const locale = localeOfSearch(search);
  return locale ? baseLangOf(locale) : null;
}

/**
 * `path` (with or without a query) as its address in `locale`: the
 * parameter set or replaced, everything else kept in order. `null` gives
 * the x-default address (the parameter removed).
 */
export function pathInLang(path: string, locale: Locale | null): string {
  const hashAt = path.indexOf("#");
  const hash = hashAt >= 0 ? path.slice(hashAt) : "";
  const withoutHash = hashAt >= 0 ? path.slice(0, hashAt) : path;
  const queryAt = withoutHash.indexOf("?");
  const pathname = queryAt >= 0 ? withoutHash.slice(0, queryAt) : withoutHash;
  const params = new URLSearchParams(queryAt >= 0 ? withoutHash.slice(queryAt + 1) : "");
  if (locale) params.set(LANG_PARAM, locale);
  else params.delete(LANG_PARAM);
  const query = params.toString();
  return `${pathname}${query ? `?${query}` : ""}${hash}`;
}

/** The language switch: an address that names a language names the new one; others stay. */
export function switchAddressLang(path: string, locale: Locale): string {
  const query = path.split("#")[0]!.split("?")[1] ?? "";
  return localeOfSearch(query) ? pathInLang(path, locale) : path;
}

export type PageAddresses = {
  /** This page in its locale, absolute: `…?lang=sv`. */
  canonical: string;
  /** Every language version plus `x-default` (the address without `?lang=`). */
  alternates: { hreflang: string; href: string }[];
  /** False for pages search engines should not keep (a search with filters). */
  indexable: boolean;
};
