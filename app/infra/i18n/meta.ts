import type { MetaDescriptor } from "@remix-run/node";
import { isLang, isLocale, translator, type Locale, type MessageKey } from "./i18n.ts";

type Matches = ReadonlyArray<{ id: string; data?: unknown; handle?: unknown }>;

/**
 * The page's language for meta functions: the root loader's (the same value
 * the page renders with, so server and browser agree); Finnish when the root
 * has no data (an error page).
 */
export function langOfMatches(matches: Matches): Locale {
  const data = matches.find((m) => m.id === "root")?.data as
    | { lang?: unknown; locale?: unknown }
    | undefined;
  // Public and participant pages (handle.locales, issue #16) speak every
  // participant language and plain language; professional screens fi/sv/en.
  const leaf = matches[matches.length - 1]?.handle as { locales?: unknown } | undefined;
  if (leaf?.locales && isLocale(data?.locale)) return data.locale;
  return isLang(data?.lang) ? data.lang : "fi";
}

/** "<title> – Luotsi" from the message catalog, in the page's language. */
export function pageTitle(lang: Locale, key: MessageKey | null, text?: string): MetaDescriptor {
  const t = translator(lang);
  const name = text ?? (key ? t(key) : null);
  return { title: name ? `${name} – ${t("app.name")}` : t("app.name") };
}

/**
 * A route's meta function: title (and description) from the message catalog
 * in the page's language, plus any fixed descriptors (robots and the like).
 */
export function pageMeta(
  key: MessageKey,
  options: { description?: MessageKey; extra?: MetaDescriptor[] } = {},
) {
  return ({ matches }: { matches: Matches }): MetaDescriptor[] => {
    const lang = langOfMatches(matches);
    const out = [pageTitle(lang, key)];
    if (options.description) {
      out.push({ name: "description", content: translator(lang)(options.description) });
    }
    return [...out, ...(options.extra ?? [])];
  };
}
