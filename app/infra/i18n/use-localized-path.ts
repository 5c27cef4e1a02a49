import { useRouteLoaderData } from "@remix-run/react";
import { pathInLang } from "./addresses.ts";
import type { Locale } from "./i18n.ts";

type RootData = { addressLocale?: Locale | null };

/**
 * Links on public pages keep the page's language address (ADR 012): on
 * `/?lang=sv` a link to `/activities/x` becomes `/activities/x?lang=sv` (or `?lang=uk`, `?lang=fi-x-selko`), so
 * a visitor, and a crawler that has no cookie, stays in Swedish. On an
 * address without `?lang=` links stay as they are.
 */
export function useLocalizedPath(): (path: string) => string {
  const lang = (useRouteLoaderData("root") as RootData | undefined)?.addressLocale ?? null;
  return (path) => (lang ? pathInLang(path, lang) : path);
}

/** The language the current address names, if any (for a form's hidden `lang` field). */
export function useAddressLang(): Locale | null {
  return (useRouteLoaderData("root") as RootData | undefined)?.addressLocale ?? null;
}
