import { isLang, LANGS, type Lang } from "./i18n.ts";

/**
 * Luotsi's per-language addresses (ADR 008): every public page exists once
 * per language at the same path with `?lang=xx`; the address without the
 * parameter is the "x-default" one and answers in the visitor's preferred
 * language (cookie, then Accept-Language, then Finnish).
 *
 * A new language or a plain-language variant is one more value of the same
 * parameter: add it to the list the address scheme accepts, and every page,
 * the page cache key, the sitemap and the hreflang links follow.
 */
export const LANG_PARAM = "lang";

/** The languages that have their own public addresses. */
export const ADDRESS_LANGS: readonly Lang[] = LANGS;

/** The language an address names with `?lang=`, or null (absent or not one of ours). */
export function langOfSearch(search: URLSearchParams | string): Lang | null {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const value = params.get(LANG_PARAM);
  return isLang(value) ? value : null;
}

/**
 * `path` (with or without a query) as its address in `lang`: the parameter
 * set or replaced, everything else kept in order. `null` gives the x-default
 * address (the parameter removed).
 */
export function pathInLang(path: string, lang: Lang | null): string {
  const hashAt = path.indexOf("#");
  const hash = hashAt >= 0 ? path.slice(hashAt) : "";
  const withoutHash = hashAt >= 0 ? path.slice(0, hashAt) : path;
  const queryAt = withoutHash.indexOf("?");
  const pathname = queryAt >= 0 ? withoutHash.slice(0, queryAt) : withoutHash;
  const params = new URLSearchParams(queryAt >= 0 ? withoutHash.slice(queryAt + 1) : "");
  if (lang) params.set(LANG_PARAM, lang);
  else params.delete(LANG_PARAM);
  const query = params.toString();
  return `${pathname}${query ? `?${query}` : ""}${hash}`;
}

/** The language switch: an address that names a language names the new one; others stay. */
export function switchAddressLang(path: string, lang: Lang): string {
  const query = path.split("#")[0]!.split("?")[1] ?? "";
  return langOfSearch(query) ? pathInLang(path, lang) : path;
}

export type PageAddresses = {
  /** This page in its language, absolute: `…?lang=sv`. */
  canonical: string;
  /** Every language version plus `x-default` (the address without `?lang=`). */
  alternates: { hreflang: string; href: string }[];
  /** False for pages search engines should not keep (a search with filters). */
  indexable: boolean;
};
