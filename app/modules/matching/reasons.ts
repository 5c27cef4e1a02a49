import {
  THRESHOLD_FLAGS,
  type Threshold,
  type ThresholdFlag,
  type WeeklyWindow,
} from "../common/common-schema.ts";
import {
  formatTimeRange,
  languageName,
  translator,
  weekdayName,
  type Lang,
} from "#app/infra/i18n/i18n.ts";

/**
 * Plain-language reasons for a suggestion ("Kiinnostus: kalastus",
 * "Parikkala, 4 km", "Ti 17–19 sopii"). Each builder returns undefined when
 * it has nothing positive to say, so the list holds only what fits.
 */

const capitalize = (s: string) => (s ? s[0]!.toLocaleUpperCase("fi") + s.slice(1) : s);

function joinWords(words: string[], lang: Lang) {
  if (words.length <= 1) return words.join("");
  const and = lang === "fi" ? "ja" : lang === "sv" ? "och" : "and";
  return `${words.slice(0, -1).join(", ")} ${and} ${words.at(-1)}`;
}

/** "Puhuu suomea" needs the partitive, which Intl does not give. */
const FINNISH_PARTITIVE: Record<string, string> = {
  fi: "suomea",
  sv: "ruotsia",
  en: "englantia",
  ru: "venäjää",
  et: "viroa",
  ar: "arabiaa",
  so: "somalia",
  fa: "persiaa",
  ku: "kurdia",
  uk: "ukrainaa",
  se: "saamea",
  es: "espanjaa",
  de: "saksaa",
  fr: "ranskaa",
  tr: "turkkia",
  zh: "kiinaa",
  th: "thaita",
  vi: "vietnamia",
  sq: "albaniaa",
  pl: "puolaa",
  ps: "pashtoa",
  ti: "tigrinjaa",
};

export function interestReason(labels: string[], lang: Lang) {
  if (labels.length === 0) return undefined;
  return translator(lang)("matching.reason.interest", { labels: labels.join(", ") });
}

export function relatedReason(labels: string[], lang: Lang) {
  if (labels.length === 0) return undefined;
  return translator(lang)("matching.reason.related", { labels: labels.join(", ") });
}

export function placeReason(place: string, km: number | null, online: boolean, lang: Lang): string {
  const t = translator(lang);
  if (online) return t("matching.reason.online");
  if (km == null || km < 1) return t("matching.reason.placeNear", { place });
  return t("matching.reason.place", { place, km: Math.round(km) });
}

export function scheduleReason(session: WeeklyWindow | undefined, lang: Lang) {
  if (!session) return undefined;
  return translator(lang)("matching.reason.scheduleFits", {
    day: capitalize(weekdayName(session.weekday, lang)),
    time: formatTimeRange(session.start, session.end),
  });
}

export function sharedDaysReason(weekdays: number[], lang: Lang) {
  if (weekdays.length === 0) return undefined;
  return translator(lang)("matching.reason.scheduleOverlaps", {
    days: weekdays.map((d) => weekdayName(d, lang)).join(", "),
  });
}

/** Needs the activity meets first, then the low-threshold basics; online is said by the place reason. */
export function thresholdReason(threshold: Threshold, needs: ThresholdFlag[], lang: Lang) {
  const t = translator(lang);
  const order: ThresholdFlag[] = [...needs, "free", "noRegistration", "dropIn", ...THRESHOLD_FLAGS];
  const shown = [...new Set(order)]
    .filter((f) => f !== "online" && threshold[f] === true)
    .slice(0, 3);
  if (shown.length === 0) return undefined;
  return capitalize(shown.map((f) => t(`matching.threshold.${f}`)).join(", "));
}

export function speaksReason(languages: string[], lang: Lang) {
  if (languages.length === 0) return undefined;
  const names = languages.map((code) =>
    lang === "fi"
      ? (FINNISH_PARTITIVE[code] ?? languageName(code, "fi"))
      : languageName(code, lang).toLocaleLowerCase(lang === "sv" ? "sv" : "en"),
  );
  const language =
    lang === "en"
      ? joinWords(
          names.map((n) => capitalize(n)),
          lang,
        )
      : joinWords(names, lang);
  return translator(lang)("matching.reason.speaks", { language });
}

export function inLanguageReason(code: string, lang: Lang) {
  const name = languageName(code, lang);
  return translator(lang)("matching.reason.inLanguage", {
    language: lang === "en" ? capitalize(name) : name.toLocaleLowerCase(lang),
  });
}

export function freePlacesReason(free: number, capacity: number, lang: Lang) {
  return translator(lang)("matching.reason.freePlaces", { free, capacity });
}

export function sameAssociationReason(activityTitle: string, lang: Lang) {
  return translator(lang)("matching.reason.sameAssociation", { activity: activityTitle });
}
