import { catalog, type MessageKey } from "./catalog.ts";
import { LANGUAGE_NAMES } from "./language-names.ts";

export const LANGS = ["fi", "sv", "en"] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageKey };

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** One catalog for the whole UI; `{name}` placeholders are filled from params. */
export function translator(lang: Lang): Translate {
  return (key, params) => {
    const entry = catalog[key];
    let text: string = entry ? entry[lang] : key;
    if (params) {
      for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
    }
    return text;
  };
}

export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalog, key);
}

const WEEKDAYS_SHORT: Record<Lang, string[]> = {
  fi: ["ma", "ti", "ke", "to", "pe", "la", "su"],
  sv: ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};
const WEEKDAYS_LONG: Record<Lang, string[]> = {
  fi: ["maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"],
  sv: ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

/** weekday 1 = Monday … 7 = Sunday (CONTRACT.md). */
export function weekdayName(weekday: number, lang: Lang, style: "short" | "long" = "short") {
  return (style === "short" ? WEEKDAYS_SHORT : WEEKDAYS_LONG)[lang][weekday - 1] ?? String(weekday);
}

/** "17:00"–"19:00" reads "17–19" in Finnish usage; minutes stay when they are not :00. */
export function formatTimeRange(start: string, end: string) {
  const short = (t: string) =>
    t.endsWith(":00") ? String(Number(t.slice(0, 2))) : t.replace(/^0/, "");
  return `${short(start)}–${short(end)}`;
}

export function formatDate(date: Date | string, lang: Lang) {
  const d = typeof date === "string" ? new Date(`${date}T12:00:00Z`) : date;
  const locale = lang === "fi" ? "fi-FI" : lang === "sv" ? "sv-FI" : "en-GB";
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "numeric",
    year: "numeric",
    timeZone: "Europe/Helsinki",
  }).format(d);
}

/**
 * A language's name in a UI language, from a generated table rather than
 * Intl.DisplayNames: the browser's ICU data is smaller than the server's and
 * a differing name breaks hydration (scripts/generate-language-names.ts).
 */
export function languageName(code: string, lang: Lang) {
  return LANGUAGE_NAMES[lang]?.[code] ?? code;
}
