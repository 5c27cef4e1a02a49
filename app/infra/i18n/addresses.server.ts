import { absoluteUrl } from "../http.server.ts";
import { ADDRESS_LANGS, LANG_PARAM, pathInLang, type PageAddresses } from "./addresses.ts";
import type { Locale } from "./i18n.ts";

/** Remix's own query parameters, which are never part of a page's address. */
const FRAMEWORK_PARAMS = ["_data", "index"];

/**
 * Every language address of one page plus its x-default (ADR 012), absolute
 * from `PUBLIC_URL`. The page's head links and the sitemap both come from
 * here, so they always agree. `locales`: the page's hreflang cluster
 * (fi/sv/en, or every participant language for the catalog and activities).
 */
export function languageAlternates(
  path: string,
  locales: readonly Locale[] = ADDRESS_LANGS,
): PageAddresses["alternates"] {
  return [
    ...locales.map((l) => ({ hreflang: l, href: absoluteUrl(pathInLang(path, l)) })),
    { hreflang: "x-default", href: absoluteUrl(pathInLang(path, null)) },
  ];
}

/**
 * The canonical address of the page a request is for and its language
 * alternates: the same path and query in every language, never the
 * request's host.
 */
export function pageAddresses(
  request: Request,
  locale: Locale,
  options: { indexable?: boolean; locales?: readonly Locale[] } = {},
): PageAddresses {
  const url = new URL(request.url);
  const params = new URLSearchParams(url.search);
  for (const p of FRAMEWORK_PARAMS) params.delete(p);
  params.delete(LANG_PARAM);
  const query = params.toString();
  const path = `${url.pathname}${query ? `?${query}` : ""}`;
  return {
    canonical: absoluteUrl(pathInLang(path, locale)),
    alternates: languageAlternates(path, options.locales),
    indexable: options.indexable ?? true,
  };
}
