import type { MetaDescriptor } from "@remix-run/node";
import { isLang, translator, type Lang, type MessageKey } from "./i18n.ts";

type Matches = ReadonlyArray<{ id: string; data?: unknown }>;

/**
 * The page's language for meta functions: the root loader's (the same value
 * the page renders with, so server and browser agree); Finnish when the root
 * has no data (an error page).
 */
export function langOfMatches(matches: Matches): Lang {
  const data = matches.find((m) => m.id === "root")?.data as { lang?: unknown } | undefined;
  return isLang(data?.lang) ? data.lang : "fi";
}

/** "<title> – Luotsi" from the message catalog, in the page's language. */
export function pageTitle(lang: Lang, key: MessageKey | null, text?: string): MetaDescriptor {
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
