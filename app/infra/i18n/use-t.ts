import { useMatches, useRouteLoaderData } from "@remix-run/react";
import { baseLangOf, translator, type Lang, type Locale } from "./i18n.ts";

type RootData = { locale: Locale; lang: Lang; user: { role: string } | null };

/**
 * Which routes speak the participant languages and plain language (issue
 * #16): a route says so with `export const handle = publicPage` (everyone:
 * the catalog, an activity, an invitation, sign-in) or `participantPage`
 * (a participant's own pages: only a signed-in participant sees them in
 * those languages). Every other screen is professional: fi, sv or en.
 */
export const publicPage = { locales: "public" } as const;
export const participantPage = { locales: "participant" } as const;

type LocaleHandle = { locales?: "public" | "participant" };

/** Whether the deepest route on screen is shown in the participant languages. */
export function speaksParticipantLocales(
  handle: unknown,
  role: string | null | undefined,
): boolean {
  const locales = (handle as LocaleHandle | undefined)?.locales;
  return locales === "public" || (locales === "participant" && role === "participant");
}

/** True on screens shown in the participant languages and plain language. */
export function useParticipantLocales(): boolean {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const matches = useMatches();
  const leaf = matches[matches.length - 1];
  return speaksParticipantLocales(leaf?.handle, root?.user?.role);
}

/** The locale this screen is shown in. */
export function useLocale(): Locale {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const participant = useParticipantLocales();
  if (!root) return "fi";
  return participant ? root.locale : root.lang;
}

/** The fi/sv/en language behind this screen: for data that exists only in those. */
export function useLang(): Lang {
  return baseLangOf(useLocale());
}

export function useT() {
  return translator(useLocale());
}
