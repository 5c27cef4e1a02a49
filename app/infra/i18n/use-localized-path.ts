import { useRouteLoaderData } from "@remix-run/react";
import { pathInLang } from "./addresses.ts";
import type { Lang } from "./i18n.ts";

type RootData = { addressLang?: Lang | null };

/**
 * Links on public pages keep the page's language address (ADR 010): on
 * `/?lang=sv` a link to `/activities/x` becomes `/activities/x?lang=sv`, so
 * a visitor, and a crawler that has no cookie, stays in Swedish. On an
 * address without `?lang=` links stay as they are.
 */
export function useLocalizedPath(): (path: string) => string {
  const lang = (useRouteLoaderData("root") as RootData | undefined)?.addressLang ?? null;
  return (path) => (lang ? pathInLang(path, lang) : path);
}

/** The language the current address names, if any (for a form's hidden `lang` field). */
export function useAddressLang(): Lang | null {
  return (useRouteLoaderData("root") as RootData | undefined)?.addressLang ?? null;
}
