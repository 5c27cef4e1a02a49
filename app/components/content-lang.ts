import { dirOf, languageOf, type Locale } from "#app/infra/i18n/i18n.ts";

/**
 * Attributes for an activity's own text (title, description): it stays in
 * the language it was written in, so where that differs from the page's it
 * is marked with `lang` (WCAG 3.1.2) and, if it runs the other way (Finnish
 * on an Arabic page), with `dir`.
 */
export function contentLangAttrs(
  contentLanguage: string | null | undefined,
  pageLocale: Locale,
): { lang?: string; dir?: "ltr" | "rtl" } {
  const lang = contentLanguage || "fi";
  if (lang === languageOf(pageLocale)) return {};
  const dir = dirOf(lang);
  return dir === dirOf(pageLocale) ? { lang } : { lang, dir };
}
