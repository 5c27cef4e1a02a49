import type { MessageKey } from "./catalog.ts";

/**
 * Languages shown only on the public and participant-facing screens (issue
 * #16), each written in one file under languages/: Ukrainian, Russian,
 * Arabic (right to left), Somali and Estonian.
 */
export const EXTRA_LANGS = ["uk", "ru", "ar", "so", "et"] as const;
export type ExtraLang = (typeof EXTRA_LANGS)[number];

/** Plain Finnish (selkosuomi) and plain Swedish (lättläst svenska). */
export const PLAIN_LOCALES = ["fi-x-selko", "sv-x-lattlast"] as const;
export type PlainLocale = (typeof PLAIN_LOCALES)[number];

/** The locales that come as a pack of their own rather than as catalog columns. */
export type PackLocale = ExtraLang | PlainLocale;

export type LanguagePack = {
  /** Its own name, as the language menu shows it. */
  name: string;
  /** Monday first. */
  weekdaysShort: readonly string[];
  weekdaysLong: readonly string[];
  /** A date with {d}, {month} and {y}; the month spelled out, as the language inflects it there. */
  datePattern?: string;
  months?: readonly string[];
  /** Languages by ISO 639-1 code, as an activity's or a person's languages are shown. */
  languageNames?: Partial<Record<string, string>>;
  messages: Partial<Record<MessageKey, string>>;
};
