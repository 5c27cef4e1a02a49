import type { ActivityKind } from "./activity-schema.ts";
import type { ThresholdFlag } from "../common/common-schema.ts";
import type { PlaceMatch, PlaceNames } from "../places/place-names.ts";

/**
 * What a catalog search means beyond its words: "kalastus Savonlinnassa
 * tiistaisin" is fishing, in Savonlinna, on Tuesdays. Recognizes places (via
 * PlaceNames), weekdays and parts of the day, low-threshold words, languages,
 * kinds and ages in Finnish, Swedish and English; what remains goes on to the
 * interest normalizer and to Meilisearch as words.
 *
 * Pure and fast (a few Map probes per word; tables are built when the module
 * loads). ADR 009 describes the design and the rule for words that are both a
 * place and an ordinary word.
 */

export const DAY_PARTS = ["morning", "afternoon", "evening"] as const;
export type DayPart = (typeof DAY_PARTS)[number];
export const AGE_GROUPS = ["children", "youth", "adults", "seniors"] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** The ages an age group means: an activity fits when its age range overlaps this one. */
export const AGE_GROUP_RANGES: Record<AgeGroup, readonly [number, number]> = {
  children: [0, 12],
  youth: [16, 29],
  adults: [25, 64],
  seniors: [65, 120],
};

/** Start times (minutes from midnight) of each part of the day: [from, to). */
export const DAY_PART_RANGES: Record<DayPart, readonly [number, number]> = {
  morning: [5 * 60, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 24 * 60],
};

export type UnderstoodPart =
  | { type: "place"; municipality: string; village?: string; text: string }
  | { type: "weekday"; weekdays: number[]; text: string }
  | { type: "dayPart"; dayParts: DayPart[]; text: string }
  | { type: "flag"; flag: ThresholdFlag; text: string }
  | { type: "language"; language: string; text: string }
  | { type: "kind"; kind: ActivityKind; text: string }
  | { type: "ageGroup"; ageGroup: AgeGroup; text: string }
  | { type: "age"; age: number; text: string };

export type QueryUnderstanding = {
  /** In the order typed; each with the words it came from. */
  parts: UnderstoodPart[];
  place?: { municipality: string; village?: string };
  weekdays: number[];
  dayParts: DayPart[];
  flags: ThresholdFlag[];
  language?: string;
  kind?: ActivityKind;
  ageGroup?: AgeGroup;
  age?: number;
  /** The words left over, as typed: for the interest normalizer and the text search. */
  remainder: string;
  /** Words that can name a place but were read as words (ADR 009): offered as "the place X?". */
  placeWordsAsText: { word: string; municipality: string; village?: string }[];
  /** Further places after the first: not searched as words, offered as links. */
  otherPlaces: { municipality: string; village?: string; text: string }[];
};

type Meaning = {
  weekdays?: number[];
  dayParts?: DayPart[];
  flag?: ThresholdFlag;
  language?: string;
  kind?: ActivityKind;
  ageGroup?: AgeGroup;
};

// ---------------------------------------------------------------- lexicon

const WORDS = new Map<string, Meaning>();
/** Multi-word expressions, longest first, indexed by their first word. */
const PHRASES = new Map<string, { words: string[]; meaning: Meaning }[]>();

function merge(a: Meaning | undefined, b: Meaning): Meaning {
  if (!a) return b;
  return {
    ...a,
    ...b,
    weekdays: a.weekdays || b.weekdays ? [...(a.weekdays ?? []), ...(b.weekdays ?? [])] : undefined,
    dayParts: a.dayParts || b.dayParts ? [...(a.dayParts ?? []), ...(b.dayParts ?? [])] : undefined,
  };
}

function define(forms: string | string[], meaning: Meaning) {
  for (const form of Array.isArray(forms) ? forms : forms.split(/\s*,\s*/)) {
    const words = form.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    if (words.length === 1) {
      WORDS.set(words[0]!, merge(WORDS.get(words[0]!), meaning));
      continue;
    }
    const list = PHRASES.get(words[0]!) ?? [];
    list.push({ words, meaning });
    list.sort((x, y) => y.words.length - x.words.length);
    PHRASES.set(words[0]!, list);
  }
}

const expand = (stems: string[], endings: string[]) =>
  stems.flatMap((s) => endings.map((e) => s + e));

// Weekdays: fi (tiistai, tiistaina, tiistaisin, ti), sv (tisdag, tisdagar), en (Tuesday, Tue).
const FI_DAYS = [
  ["maanantai"],
  ["tiistai"],
  ["keskiviikko", "keskiviiko"],
  ["torstai"],
  ["perjantai"],
  ["lauantai"],
  ["sunnuntai"],
];
const SV_DAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"];
const EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const EN_SHORT = [
  ["mon"],
  ["tue", "tues"],
  ["wed"],
  ["thu", "thur", "thurs"],
  ["fri"],
  ["sat"],
  ["sun"],
];
/** Finnish two-letter abbreviations; "to" (Thursday) is also an English word, see below. */
const FI_SHORT = ["ma", "ti", "ke", "to", "pe", "la", "su"];
const SV_SHORT = ["mån", "tis", "ons", "tors", "fre", "lör", "sön"];

const DAY_PART_WORDS: Record<DayPart | "daytime", { fi: string[]; sv: string[]; en: string[] }> = {
  morning: {
    fi: [
      "aamu",
      "aamulla",
      "aamuisin",
      "aamuna",
      "aamupäivä",
      "aamupäivällä",
      "aamupäivisin",
      "aamupäivänä",
      "aamupäiväksi",
    ],
    sv: ["morgon", "morgonen", "morgnar", "morgnarna", "förmiddag", "förmiddagen", "förmiddagar"],
    en: ["morning", "mornings", "forenoon"],
  },
  afternoon: {
    fi: ["iltapäivä", "iltapäivällä", "iltapäivisin", "iltapäivänä", "iltapäiväksi"],
    sv: ["eftermiddag", "eftermiddagen", "eftermiddagar", "eftermiddagarna"],
    en: ["afternoon", "afternoons"],
  },
  evening: {
    fi: ["ilta", "illalla", "iltaisin", "iltana", "illaksi", "illasta"],
    sv: ["kväll", "kvällen", "kvällar", "kvällarna", "ikväll", "kvällstid"],
    en: ["evening", "evenings", "tonight"],
  },
  daytime: {
    fi: ["päivällä", "päivisin", "päiväsaikaan"],
    sv: ["dagtid", "dagtiden"],
    en: ["daytime"],
  },
};
const partsOf = (p: DayPart | "daytime"): DayPart[] =>
  p === "daytime" ? ["morning", "afternoon"] : [p];

for (let d = 0; d < 7; d++) {
  const weekday = d + 1;
  const fiForms = expand(FI_DAYS[d]!, ["", "na", "sin", "n", "t", "hin", "ksi", "sta", "isin"]);
  define(fiForms, { weekdays: [weekday] });
  define(expand([SV_DAYS[d]!], ["", "en", "ar", "arna", "s", "ens", "arnas"]), {
    weekdays: [weekday],
  });
  define(expand([EN_DAYS[d]!], ["", "s"]), { weekdays: [weekday] });
  define(EN_SHORT[d]!, { weekdays: [weekday] });
  define([SV_SHORT[d]!], { weekdays: [weekday] });
  if (FI_SHORT[d] !== "to") define([FI_SHORT[d]!], { weekdays: [weekday] });
  // Compounds: tiistai-iltaisin is split at the hyphen, tiistaiiltaisin and tisdagskvällar are not.
  for (const [part, words] of Object.entries(DAY_PART_WORDS) as [
    DayPart | "daytime",
    (typeof DAY_PART_WORDS)["morning"],
  ][]) {
    const meaning = { weekdays: [weekday], dayParts: partsOf(part) };
    define(
      FI_DAYS[d]!.flatMap((s) => words.fi.map((w) => s + w)),
      meaning,
    );
    define(
      words.sv.map((w) => `${SV_DAYS[d]}s${w}`),
      meaning,
    );
    define(
      words.en.map((w) => `${EN_DAYS[d]} ${w}`),
      meaning,
    );
  }
}
for (const [part, words] of Object.entries(DAY_PART_WORDS) as [
  DayPart | "daytime",
  (typeof DAY_PART_WORDS)["morning"],
][]) {
  define([...words.fi, ...words.sv, ...words.en], { dayParts: partsOf(part) });
  define([...words.sv.map((w) => `på ${w}`), ...words.sv.map((w) => `om ${w}`)], {
    dayParts: partsOf(part),
  });
  define([...words.en.map((w) => `in the ${w}`)], { dayParts: partsOf(part) });
}
define("på dagen, på dagarna, during the day, in the daytime", {
  dayParts: ["morning", "afternoon"],
});
const WEEKEND = [6, 7];
const WORKDAYS = [1, 2, 3, 4, 5];
define(
  "viikonloppu, viikonloppuna, viikonloppuisin, viikonlopun, viikonloppuisin, helg, helgen, helger, helgerna, veckoslut, veckoslutet, weekend, weekends, on weekends, at the weekend, på helgen, på helgerna, under helgen",
  { weekdays: WEEKEND },
);
define(
  "arkisin, arkena, arkipäivisin, arkipäivänä, arkipäivinä, vardag, vardagar, vardagarna, på vardagar, weekday, weekdays, on weekdays",
  { weekdays: WORKDAYS },
);

// Low-threshold words.
define(
  "ilmainen, ilmaiset, ilmaista, ilmaisia, ilmaiseksi, ilmaisen, maksuton, maksuttomat, maksutonta, maksuttomia, maksutta, maksuttomaan, gratis, avgiftsfri, avgiftsfritt, avgiftsfria, kostnadsfri, kostnadsfritt, kostnadsfria, free, for free, free of charge, no fee",
  { flag: "free" },
);
define(
  "ilman ilmoittautumista, ei ilmoittautumista, ilman ennakkoilmoittautumista, ilmoittautumatta, utan anmälan, ingen anmälan, utan föranmälan, ingen föranmälan, no registration, without registration, no sign up, no signup, no need to register",
  { flag: "noRegistration" },
);
define(
  "drop in, dropin, dropp in, droppin, voi tulla suoraan, suoraan paikalle, tule suoraan, kom när du vill",
  { flag: "dropIn" },
);
define(
  "esteetön, esteettömät, esteettömiä, esteetöntä, esteettömästi, esteettömyys, esteettömään, esteettömässä, esteettömissä, pyörätuolilla, pyörätuoli, tillgänglig, tillgängligt, tillgängliga, tillgänglighet, rullstol, rullstolen, accessible, accessibility, wheelchair, wheelchair accessible",
  { flag: "accessible" },
);
define(
  "päihteetön, päihteettömät, päihteettömiä, päihteetöntä, päihteettömästi, päihteettömään, päihteettömässä, alkoholiton, alkoholittomat, drogfri, drogfritt, drogfria, nykter, nyktert, alkoholfri, alkoholfritt, substance free, alcohol free, drug free, sober",
  { flag: "substanceFree" },
);
define(
  "selkokieli, selkokielinen, selkokieliset, selkokielellä, selkokielistä, selkokielisiä, selkokielisesti, selkosuomi, selkosuomella, selko, lättläst, lättlästa, lätt svenska, lättläst svenska, plain language, easy language, easy read, easy to read, easy finnish, easy swedish",
  { flag: "plainLanguage" },
);
define("selkosuomeksi", { flag: "plainLanguage", language: "fi" });
define("selkoruotsiksi", { flag: "plainLanguage", language: "sv" });
define(
  "kaverin kanssa, kaverin voi ottaa mukaan, kaveri mukaan, ota kaveri mukaan, kaverin kera, ystävän kanssa, ystävän kera, kaverin kaa, med en kompis, med kompis, med kompisen, ta med en kompis, ta med kompis, med en vän, with a friend, bring a friend, with friends, bring friends, with my friend",
  { flag: "bringAFriend" },
);
define(
  "verkossa, etänä, netissä, etäyhteydellä, verkkoyhteydellä, online, på nätet, på distans, på distans, distans, remote, remotely",
  { flag: "online" },
);

// Languages of the activity: translative (englanniksi), "X-kielinen", "på X", "in X".
const LANGUAGES: { code: string; fi: string; fiGen: string; sv: string; en: string }[] = [
  { code: "fi", fi: "suomeksi", fiGen: "suomen", sv: "finska", en: "finnish" },
  { code: "sv", fi: "ruotsiksi", fiGen: "ruotsin", sv: "svenska", en: "swedish" },
  { code: "en", fi: "englanniksi", fiGen: "englannin", sv: "engelska", en: "english" },
  { code: "uk", fi: "ukrainaksi", fiGen: "ukrainan", sv: "ukrainska", en: "ukrainian" },
  { code: "ru", fi: "venäjäksi", fiGen: "venäjän", sv: "ryska", en: "russian" },
  { code: "ar", fi: "arabiaksi", fiGen: "arabian", sv: "arabiska", en: "arabic" },
  { code: "so", fi: "somaliksi", fiGen: "somalin", sv: "somaliska", en: "somali" },
  { code: "et", fi: "viroksi", fiGen: "viron", sv: "estniska", en: "estonian" },
  { code: "se", fi: "saameksi", fiGen: "saamen", sv: "samiska", en: "sami" },
  { code: "fa", fi: "persiaksi", fiGen: "persian", sv: "persiska", en: "persian" },
  { code: "ku", fi: "kurdiksi", fiGen: "kurdin", sv: "kurdiska", en: "kurdish" },
  { code: "fr", fi: "ranskaksi", fiGen: "ranskan", sv: "franska", en: "french" },
  { code: "de", fi: "saksaksi", fiGen: "saksan", sv: "tyska", en: "german" },
  { code: "es", fi: "espanjaksi", fiGen: "espanjan", sv: "spanska", en: "spanish" },
];
for (const l of LANGUAGES) {
  const svStem = l.sv.replace(/a$/, "");
  define([
    l.fi,
    `${l.fi.replace(/ksi$/, "ks")}`,
    ...expand(
      [`${l.fiGen}kielinen`, `${l.fiGen}kieliset`, `${l.fiGen}kielisiä`, `${l.fiGen}kielistä`],
      [""],
    ),
    `${l.fiGen}kielisille`,
    `${l.fiGen}kieliselle`,
    `${l.fiGen} kielellä`,
    `${l.fiGen} kielinen`,
    `${l.fiGen} kieliset`,
    `på ${l.sv}`,
    `${svStem}språkig`,
    `${svStem}språkiga`,
    `${svStem}språkigt`,
    `in ${l.en}`,
    `${l.en} speaking`,
    `${l.en} language`,
    `${l.en} spoken`,
  ], { language: l.code });
}

// Kinds of activity.
define(
  "kurssi, kurssit, kurssille, kursseja, kurssia, kurssilla, kursseille, kursseilla, kurs, kurser, kursen, kurserna, course, courses, class, classes",
  { kind: "course" },
);
define(
  "ryhmä, ryhmät, ryhmään, ryhmiä, ryhmää, ryhmässä, ryhmiin, ryhmissä, grupp, grupper, gruppen, grupperna, group, groups",
  { kind: "group" },
);
define(
  "retki, retket, retkelle, retkiä, retkeä, retkellä, retkille, retkillä, utflykt, utflykter, utflykten, utflykterna, outing, outings, trip, trips, excursion, excursions",
  { kind: "outing" },
);
define(
  "vapaaehtoistyö, vapaaehtoistyötä, vapaaehtoistyöhön, vapaaehtoistyössä, vapaaehtoistoiminta, vapaaehtoistoimintaa, vapaaehtoistoimintaan, vapaaehtoiseksi, vapaaehtoisena, vapaaehtoinen, vapaaehtoisille, vapaaehtoisia, vapaaehtoiset, frivilligarbete, frivilligt arbete, frivillig, frivilliga, som frivillig, volontär, volontärer, volontärarbete, volunteering, volunteer, volunteers, voluntary work",
  { kind: "volunteering" },
);
define(
  "vertaistuki, vertaistukea, vertaistukeen, vertaistuessa, vertaistukiryhmä, vertaistukiryhmät, vertaistukiryhmään, vertaisryhmä, vertaisryhmät, vertaisryhmään, vertaisryhmiä, kamratstöd, kamratstödet, kamratstödsgrupp, kamratgrupp, kamratgrupper, stödgrupp, stödgrupper, peer support, peer group, peer groups, support group, support groups",
  { kind: "peer-support" },
);
define(
  "työpaja, työpajat, työpajaan, työpajoja, työpajassa, työpajaa, verkstad, verkstäder, verkstaden, workshop, workshops",
  { kind: "workshop" },
);

/**
 * Compound heads that name a kind (kokkikurssi, sieniretki, målarkurs): the
 * kind is understood and the modifier stays as the word to search for.
 * "-ryhmä" is left alone: a kuntosaliryhmä is a sport, not a group.
 */
const KIND_HEADS: [string, ActivityKind][] = [
  ...expand(["kurssi"], ["", "t", "lle", "lla", "a", "n"]).map(
    (h) => [h, "course"] as [string, ActivityKind],
  ),
  ...["kurssille", "kursseja", "kursseille"].map((h) => [h, "course"] as [string, ActivityKind]),
  ...["retki", "retket", "retkelle", "retkiä", "retkeä", "retkellä", "retkille"].map(
    (h) => [h, "outing"] as [string, ActivityKind],
  ),
  ...["kurs", "kurser", "kursen", "utflykt", "utflykter"].map(
    (h) => [h, h.startsWith("kurs") ? "course" : "outing"] as [string, ActivityKind],
  ),
];
KIND_HEADS.sort((a, b) => b[0].length - a[0].length);

function splitKindCompound(word: string): { modifier: string; kind: ActivityKind } | undefined {
  for (const [head, kind] of KIND_HEADS) {
    if (word.length - head.length >= 3 && word.endsWith(head)) {
      // A linking -s (målarkurs is fine, matlagningskurs → matlagning).
      let modifier = word.slice(0, -head.length);
      if (modifier.endsWith("s") && /[aeiouyäö]s$/.test(modifier) === false)
        modifier = modifier.slice(0, -1);
      return { modifier, kind };
    }
  }
  return undefined;
}

// Who it is for.
define(
  "nuorille, nuoret, nuorten, nuorelle, nuori, nuorille aikuisille, nuoret aikuiset, nuorisolle, unga, ungdomar, ungdom, för unga, unga vuxna, för ungdomar, youth, young, teens, teenagers, young people, young adults, for young people",
  { ageGroup: "youth" },
);
define(
  "lapsille, lapset, lasten, lapselle, barn, för barn, barnen, kids, children, child, for children, for kids",
  { ageGroup: "children" },
);
define(
  "aikuisille, aikuiset, aikuisten, aikuiselle, vuxna, för vuxna, vuxen, adults, adult, for adults, grown ups",
  {
    ageGroup: "adults",
  },
);
define(
  "senioreille, seniorit, seniori, seniorien, seniorille, ikäihmisille, ikäihmiset, ikääntyneille, ikääntyneet, eläkeläisille, eläkeläiset, vanhuksille, vanhukset, äldre, för äldre, seniorer, pensionärer, för seniorer, seniors, senior, elderly, older people, pensioners, retirees",
  { ageGroup: "seniors" },
);

const AGE_UNITS = new Set([
  "v",
  "vee",
  "vuotias",
  "vuotiaat",
  "vuotiaalle",
  "vuotiaille",
  "vuotiaana",
  "vuotiaita",
  "vuotiaiden",
  "år",
  "åring",
  "åringar",
  "årig",
  "åriga",
  "years",
  "year",
  "yo",
]);
const AGE_PREFIXES = new Set(["ikä", "ikäni", "age", "aged", "ålder"]);

/** Words that point at a place next to them (a place marker, ADR 009). */
const PLACE_MARKERS_BEFORE = new Set([
  "in",
  "i",
  "near",
  "nära",
  "lähellä",
  "lähelle",
  "lähettyvillä",
  "kohti",
  "around",
  "kring",
  "vid",
]);
const PLACE_MARKERS_AFTER = new Set([
  "kunta",
  "kunnassa",
  "kunnan",
  "kaupunki",
  "kaupungissa",
  "kaupungin",
  "kommun",
  "kommunen",
  "stad",
  "lähellä",
  "lähistöllä",
  "seudulla",
  "seudun",
  "alueella",
  "area",
  "region",
  "trakten",
]);
const PARTITIVE_MARKERS = new Set(["lähellä", "lähelle", "lähettyvillä"]);
/** Connecting words dropped from the leftover text when a neighbour was understood. */
const CONNECTORS = new Set([
  "ja",
  "tai",
  "sekä",
  "och",
  "eller",
  "and",
  "or",
  "in",
  "i",
  "på",
  "on",
  "at",
  "for",
  "för",
  "the",
  "a",
  "an",
  "klo",
  "kl",
  "with",
  "med",
]);

// ---------------------------------------------------------------- parsing

type Token = {
  raw: string;
  word: string;
  used: boolean;
  /** Searched instead of raw (compound modifier). */ rest?: string;
};

/** Words as foldText (interests/normalize) makes them, keeping the typed case; dashes kept for ranges. */
function tokenize(text: string): (Token | "-")[] {
  const out: (Token | "-")[] = [];
  for (const m of text.normalize("NFC").matchAll(/[\p{L}\p{N}]+|[-–—]/gu)) {
    const raw = m[0];
    if (raw === "-" || raw === "–" || raw === "—") out.push("-");
    else out.push({ raw, word: raw.toLocaleLowerCase("fi"), used: false });
  }
  return out;
}

const DAY_ABBREVIATIONS = new Map<string, number>();
FI_SHORT.forEach((w, i) => DAY_ABBREVIATIONS.set(w, i + 1));
SV_SHORT.forEach((w, i) => DAY_ABBREVIATIONS.set(w, i + 1));
EN_SHORT.forEach((ws, i) => ws.forEach((w) => DAY_ABBREVIATIONS.set(w, i + 1)));
FI_DAYS.forEach((ws, i) => ws.forEach((w) => DAY_ABBREVIATIONS.set(w, i + 1)));
SV_DAYS.forEach((w, i) => DAY_ABBREVIATIONS.set(w, i + 1));
EN_DAYS.forEach((w, i) => DAY_ABBREVIATIONS.set(w, i + 1));

function isCapitalized(raw: string) {
  const first = raw[0] ?? "";
  return first !== first.toLocaleLowerCase("fi");
}

export function understandQuery(text: string, places: PlaceNames): QueryUnderstanding {
  const result: QueryUnderstanding = {
    parts: [],
    weekdays: [],
    dayParts: [],
    flags: [],
    remainder: "",
    placeWordsAsText: [],
    otherPlaces: [],
  };
  const raw = tokenize(text.slice(0, 400));
  // Day ranges first (ma–pe, mån-fre), then dashes mean nothing more than a space.
  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (t === "-") continue;
    const dash = raw[i + 1];
    const next = raw[i + 2];
    const from = DAY_ABBREVIATIONS.get(t.word);
    const to = next && next !== "-" && dash === "-" ? DAY_ABBREVIATIONS.get(next.word) : undefined;
    if (from && to && next !== "-" && next) {
      const days: number[] = [];
      for (let d = from; ; d = (d % 7) + 1) {
        days.push(d);
        if (d === to || days.length > 7) break;
      }
      addPart(result, { type: "weekday", weekdays: days, text: `${t.raw}–${next.raw}` });
      i += 2;
      continue;
    }
    tokens.push(t);
  }
  const words = tokens.map((t) => t.word);
  const pending: { index: number; part: UnderstoodPart }[] = [];
  const take = (from: number, n: number, meaning: Meaning) => {
    const typed = tokens
      .slice(from, from + n)
      .map((t) => t.raw)
      .join(" ");
    for (let j = from; j < from + n; j++) tokens[j]!.used = true;
    for (const part of meaningParts(meaning, typed)) pending.push({ index: from, part });
  };

  // 1. Phrases and words of the lexicon; "to" is Thursday only beside another day (ti ja to).
  const hasOtherDay = words.some((w) => w !== "to" && DAY_ABBREVIATIONS.has(w));
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.used) continue;
    const w = words[i]!;
    const phrase = PHRASES.get(w)?.find((p) =>
      p.words.every((pw, j) => words[i + j] === pw && !tokens[i + j]?.used),
    );
    if (phrase) {
      take(i, phrase.words.length, phrase.meaning);
      i += phrase.words.length - 1;
      continue;
    }
    const meaning = WORDS.get(w) ?? (w === "to" && hasOtherDay ? { weekdays: [4] } : undefined);
    if (meaning) {
      take(i, 1, meaning);
      continue;
    }
    const compound = places.match(words, i) ? undefined : splitKindCompound(w);
    if (compound) {
      tokens[i]!.rest = tokens[i]!.raw.slice(0, compound.modifier.length);
      pending.push({ index: i, part: { type: "kind", kind: compound.kind, text: tokens[i]!.raw } });
      continue;
    }
    // Ages: "20-vuotiaille", "20 v", "20v", "age 20".
    const age = /^(\d{1,3})(v|år|y)?$/.exec(w);
    if (age) {
      const n = Number(age[1]);
      const unit = age[2] !== undefined || AGE_UNITS.has(words[i + 1] ?? "");
      const prefixed = i > 0 && AGE_PREFIXES.has(words[i - 1]!) && !tokens[i - 1]!.used;
      if (n <= 120 && (unit || prefixed)) {
        const from = prefixed ? i - 1 : i;
        const n2 = (prefixed ? 2 : 1) + (age[2] === undefined && unit ? 1 : 0);
        const typed = tokens
          .slice(from, from + n2)
          .map((t) => t.raw)
          .join(" ");
        for (let j = from; j < from + n2; j++) tokens[j]!.used = true;
        pending.push({ index: from, part: { type: "age", age: n, text: typed } });
        i = from + n2 - 1;
      }
    }
  }

  // 2. Places, with the ambiguity rule.
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.used) continue;
    const match = places.match(words, i);
    if (!match) continue;
    const prev = i > 0 && !tokens[i - 1]!.used ? words[i - 1]! : undefined;
    const next = words[i + match.words];
    if (match.partitive && !(prev && PARTITIVE_MARKERS.has(prev))) continue;
    const markerBefore = prev !== undefined && PLACE_MARKERS_BEFORE.has(prev);
    const markerAfter =
      next !== undefined && !tokens[i + match.words]!.used && PLACE_MARKERS_AFTER.has(next);
    if (match.ambiguous && !placeIsCertain(tokens, i, match, markerBefore || markerAfter)) {
      result.placeWordsAsText.push({
        word: tokens
          .slice(i, i + match.words)
          .map((t) => t.raw)
          .join(" "),
        municipality: match.municipality,
        village: match.village,
      });
      i += match.words - 1;
      continue;
    }
    const from = markerBefore ? i - 1 : i;
    const n = match.words + (markerBefore ? 1 : 0) + (markerAfter ? 1 : 0);
    const typed = tokens
      .slice(from, from + n)
      .map((t) => t.raw)
      .join(" ");
    for (let j = from; j < from + n; j++) tokens[j]!.used = true;
    pending.push({
      index: from,
      part: {
        type: "place",
        municipality: match.municipality,
        village: match.village,
        text: typed,
      },
    });
    i = from + n - 1;
  }

  pending.sort((a, b) => a.index - b.index);
  for (const { part } of pending) addPart(result, part);

  // 3. What is left, minus connecting words that only tied understood parts together.
  const left: string[] = [];
  tokens.forEach((t, i) => {
    if (t.used) return;
    if (t.rest) {
      left.push(t.rest);
      return;
    }
    if (CONNECTORS.has(t.word)) {
      const prevUsed = i === 0 || tokens[i - 1]!.used;
      const nextUsed = i === tokens.length - 1 || tokens[i + 1]!.used;
      if (prevUsed || nextUsed) return;
    }
    left.push(t.raw);
  });
  result.remainder = left.join(" ");
  return result;
}

/**
 * ADR 009: an ambiguous place word (also an ordinary word or a name) is a place
 * only when the query leaves no doubt: a place marker stands next to it
 * ("lähellä", "kunta", "in", "i"), or it is written with a capital letter
 * where a sentence would not start (not the first word), or it is the whole
 * query and capitalized ("Salo").
 */
function placeIsCertain(tokens: Token[], i: number, match: PlaceMatch, marker: boolean) {
  if (marker) return true;
  const capital = isCapitalized(tokens[i]!.raw);
  if (capital && i > 0) return true;
  return capital && tokens.length === match.words;
}

function meaningParts(m: Meaning, text: string): UnderstoodPart[] {
  const parts: UnderstoodPart[] = [];
  if (m.weekdays) parts.push({ type: "weekday", weekdays: m.weekdays, text });
  if (m.dayParts) parts.push({ type: "dayPart", dayParts: m.dayParts, text });
  if (m.flag) parts.push({ type: "flag", flag: m.flag, text });
  if (m.language) parts.push({ type: "language", language: m.language, text });
  if (m.kind) parts.push({ type: "kind", kind: m.kind, text });
  if (m.ageGroup) parts.push({ type: "ageGroup", ageGroup: m.ageGroup, text });
  return parts;
}

const addUnique = <T>(list: T[], values: readonly T[]) => {
  for (const v of values) if (!list.includes(v)) list.push(v);
};

function addPart(r: QueryUnderstanding, part: UnderstoodPart) {
  switch (part.type) {
    case "place":
      if (r.place) {
        if (r.place.municipality !== part.municipality || r.place.village !== part.village)
          r.otherPlaces.push({
            municipality: part.municipality,
            village: part.village,
            text: part.text,
          });
        return;
      }
      r.place = { municipality: part.municipality, village: part.village };
      break;
    case "weekday":
      addUnique(r.weekdays, part.weekdays);
      break;
    case "dayPart":
      addUnique(r.dayParts, part.dayParts);
      break;
    case "flag":
      addUnique(r.flags, [part.flag]);
      break;
    case "language":
      if (r.language) return;
      r.language = part.language;
      break;
    case "kind":
      if (r.kind) return;
      r.kind = part.kind;
      break;
    case "ageGroup":
      if (r.ageGroup) return;
      r.ageGroup = part.ageGroup;
      break;
    case "age":
      if (r.age != null) return;
      r.age = part.age;
      break;
  }
  r.parts.push(part);
}

// ---------------------------------------------------------------- schedules

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * The parts of the day a weekly window belongs to: the part it starts in, and
 * any other part it covers for at least an hour (16:00–19:00 is also an
 * evening activity, 16:00–17:30 is not).
 */
export function dayPartsOfWindow(start: string, end: string): DayPart[] {
  const s = minutes(start);
  const e = Math.max(minutes(end), s);
  return DAY_PARTS.filter((p) => {
    const [from, to] = DAY_PART_RANGES[p];
    if (s >= from && s < to) return true;
    return Math.min(e, to) - Math.max(s, from) >= 60;
  });
}

export const slotKey = (weekday: number, part: DayPart) => `${weekday}-${part}`;

/** What the index and the SQLite fallback filter on: weekdays, parts of day and both together. */
export function scheduleSlots(schedule: { weekday: number; start: string; end: string }[]) {
  const weekdays = new Set<number>();
  const dayParts = new Set<DayPart>();
  const slots = new Set<string>();
  for (const w of schedule) {
    weekdays.add(w.weekday);
    for (const p of dayPartsOfWindow(w.start, w.end)) {
      dayParts.add(p);
      slots.add(slotKey(w.weekday, p));
    }
  }
  return { weekdays: [...weekdays], dayParts: [...dayParts], slots: [...slots] };
}

/** The slots a search for these weekdays and parts of day accepts (empty: no such filter). */
export function wantedSlots(weekdays: number[], dayParts: DayPart[]): string[] {
  if (weekdays.length === 0 || dayParts.length === 0) return [];
  return weekdays.flatMap((d) => dayParts.map((p) => slotKey(d, p)));
}
