import { catalog, type MessageKey } from "./catalog.ts";
import { LANGUAGE_NAMES } from "./language-names.ts";
import {
  EXTRA_LANGS,
  PLAIN_LOCALES,
  type ExtraLang,
  type LanguagePack,
  type PackLocale,
} from "./locales.ts";

export * from "./locales.ts";
export type { MessageKey };

/**
 * The professional screens' languages: every message in the catalog has
 * these three (messages/*.ts). Participant-facing screens add more
 * (locales.ts), each in its own file under languages/.
 */
export const LANGS = ["fi", "sv", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** The languages of the public and participant-facing screens (issue #16). */
export const PARTICIPANT_LANGS = [...LANGS, ...EXTRA_LANGS] as const;
export type ParticipantLang = (typeof PARTICIPANT_LANGS)[number];

/**
 * Everything a page can be shown in: a participant language, or plain
 * Finnish or Swedish (selkokieli, lättläst). Written as BCP 47 tags; the
 * plain ones use private-use subtags because BCP 47 has none for plain
 * language. The same value names a page's address (`?lang=`).
 */
export const LOCALES = [...PARTICIPANT_LANGS, ...PLAIN_LOCALES] as const;
export type Locale = (typeof LOCALES)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The language a locale is in: its `lang` attribute ("fi-x-selko" is Finnish). */
export function languageOf(locale: Locale): ParticipantLang {
  return locale.slice(0, 2) as ParticipantLang;
}

export function isPlainLocale(locale: Locale): boolean {
  return (PLAIN_LOCALES as readonly string[]).includes(locale);
}

/** The plain-language locale of a language, if it has one (Finnish and Swedish). */
export function plainLocaleOf(locale: Locale): Locale | null {
  const lang = languageOf(locale);
  return PLAIN_LOCALES.find((p) => p.startsWith(`${lang}-`)) ?? null;
}

export function dirOf(locale: Locale | string): "ltr" | "rtl" {
  return locale.slice(0, 2) === "ar" ? "rtl" : "ltr";
}

/**
 * The professional language a locale falls back to: what the professional
 * screens and the fi/sv/en data (municipality and vocabulary names) use.
 */
export function baseLangOf(locale: Locale): Lang {
  const lang = languageOf(locale);
  return isLang(lang) ? lang : "en";
}

/**
 * Where a message is looked for, in order: the locale's own pack, then the
 * catalog's fi/sv/en. Plain Finnish falls back to Finnish; the languages of
 * people new to Finland to English, then Finnish (e.g. so → en → fi).
 */
export function fallbackChain(locale: Locale): readonly (PackLocale | Lang)[] {
  if (isLang(locale)) return [locale];
  if (isPlainLocale(locale)) return [locale as PackLocale, baseLangOf(locale)];
  return [locale as ExtraLang, "en", "fi"];
}

const packs = new Map<PackLocale, LanguagePack>();
const tables = new Map<Locale, Map<string, string>>();

/**
 * Makes packs available to the translator: on the server all of them
 * (packs.server.ts), in the browser the page's own (entry.client.tsx), so
 * nobody downloads languages they do not read.
 */
export function registerPacks(list: Partial<Record<PackLocale, LanguagePack>>) {
  for (const [locale, pack] of Object.entries(list)) packs.set(locale as PackLocale, pack);
  tables.clear();
}

export function getPack(locale: Locale): LanguagePack | undefined {
  return packs.get(locale as PackLocale);
}

/** One flat table per locale, merged once along the fallback chain: a lookup per message. */
function tableOf(locale: Locale): Map<string, string> {
  let table = tables.get(locale);
  if (table) return table;
  table = new Map();
  for (const step of [...fallbackChain(locale)].reverse()) {
    if (isLang(step)) {
      for (const [key, entry] of Object.entries(catalog)) table.set(key, entry[step]);
    } else {
      for (const [key, text] of Object.entries(packs.get(step)?.messages ?? {}))
        if (text) table.set(key, text);
    }
  }
  tables.set(locale, table);
  return table;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * One catalog for the whole UI; `{name}` placeholders are filled from params.
 * In a right-to-left locale each filled-in value is a bidi isolate (FSI…PDI,
 * as Fluent does), so a Finnish name or "17–19" keeps its own direction
 * inside Arabic text instead of being torn apart by the bidi algorithm.
 */
export function translator(locale: Locale): Translate {
  const table = tableOf(locale);
  const isolate = dirOf(locale) === "rtl";
  return (key, params) => {
    let text = table.get(key) ?? key;
    // Called for every label of every card: no allocation when there is nothing to fill in.
    if (params && text.includes("{")) {
      for (const k in params) {
        const v = String(params[k]);
        text = text.replaceAll(`{${k}}`, isolate ? `\u2068${v}\u2069` : v);
      }
    }
    return text;
  };
}

export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalog, key);
}

const WEEKDAYS_SHORT: Record<Lang, readonly string[]> = {
  fi: ["ma", "ti", "ke", "to", "pe", "la", "su"],
  sv: ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};
const WEEKDAYS_LONG: Record<Lang, readonly string[]> = {
  fi: ["maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"],
  sv: ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

/** weekday 1 = Monday … 7 = Sunday (docs/import-format.md). */
export function weekdayName(
  weekday: number,
  locale: Locale,
  style: "short" | "long" = "short",
): string {
  const pack = isLang(locale) ? undefined : packs.get(locale as PackLocale);
  const names = pack
    ? style === "short"
      ? pack.weekdaysShort
      : pack.weekdaysLong
    : (style === "short" ? WEEKDAYS_SHORT : WEEKDAYS_LONG)[baseLangOf(locale)];
  return names[weekday - 1] ?? String(weekday);
}

const helsinkiTime = new Intl.DateTimeFormat("en", {
  timeZone: "Europe/Helsinki",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

/**
 * A moment with its date and Helsinki time ("7.12.2026 klo 7.44"), written
 * by our own pattern like formatDate: Intl's toLocaleString differs between
 * Node and Chromium, which broke hydration of pages that list times.
 */
export function formatDateTime(date: Date | string, locale: Locale) {
  const d = typeof date === "string" ? new Date(date) : date;
  const part = (type: string) =>
    Number(helsinkiTime.formatToParts(d).find((p) => p.type === type)?.value);
  const [h, min] = [part("hour"), String(part("minute")).padStart(2, "0")];
  const day = formatDate(d, locale);
  const lang = baseLangOf(locale);
  if (lang === "fi") return `${day} klo ${h}.${min}`;
  if (lang === "sv") return `${day} kl. ${h}.${min}`;
  return `${day}, ${String(h).padStart(2, "0")}:${min}`;
}

/** Items of a list in the page's script: Arabic separates them with its own comma. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(dirOf(locale) === "rtl" ? "، " : ", ");
}

/** "17:00"–"19:00" reads "17–19" in Finnish usage; minutes stay when they are not :00. */
export function formatTimeRange(start: string, end: string) {
  const short = (t: string) =>
    t.endsWith(":00") ? String(Number(t.slice(0, 2))) : t.replace(/^0/, "");
  return `${short(start)}–${short(end)}`;
}

const helsinkiParts = new Intl.DateTimeFormat("en", {
  timeZone: "Europe/Helsinki",
  year: "numeric",
  month: "numeric",
  day: "numeric",
});

/**
 * A date as people of the locale write it. The languages added for people
 * new to Finland spell the month out from their pack (all-numeric dates
 * read differently from one country to the next, and browsers' Intl data
 * may lack a language, which would make the browser disagree with the server).
 */
export function formatDate(date: Date | string, locale: Locale) {
  const d = typeof date === "string" ? new Date(`${date}T12:00:00Z`) : date;
  // Only the numbers come from Intl; the order and separators are ours:
  // Chromium's ICU writes sv-FI as 2026-12-07 where Node writes 7.12.2026,
  // which broke hydration of every Swedish page showing a date.
  const part = (type: string) =>
    Number(helsinkiParts.formatToParts(d).find((p) => p.type === type)?.value);
  const [y, m, day] = [part("year"), part("month"), part("day")];
  const pack = isLang(locale) ? undefined : packs.get(locale as PackLocale);
  if (pack?.datePattern && pack.months) {
    return pack.datePattern
      .replace("{d}", String(day))
      .replace("{month}", pack.months[m - 1] ?? String(m))
      .replace("{y}", String(y));
  }
  // Finnish and Finland-Swedish 7.12.2026; British English 07/12/2026.
  if (baseLangOf(locale) === "en")
    return `${String(day).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
  return `${day}.${m}.${y}`;
}

/**
 * A language's name on a page: the locale's pack's (a participant language's
 * pack holds every name, generated, loaded with the pack), else the fi, sv
 * and en table, generated rather than Intl.DisplayNames: the browser's ICU
 * data is smaller than the server's and a differing name breaks hydration
 * (scripts/generate-language-names.ts).
 */
export function languageName(code: string, locale: Locale) {
  const own = isLang(locale) ? undefined : packs.get(locale as PackLocale)?.languageNames?.[code];
  if (own) return own;
  return LANGUAGE_NAMES[languageOf(locale)]?.[code] ?? LANGUAGE_NAMES.en?.[code] ?? code;
}
