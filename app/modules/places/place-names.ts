import { GRADATION as INTEREST_GRADATION } from "../interests/normalize.ts";

/**
 * Recognizes place names in what people type: every municipality in Finnish
 * and Swedish, in the inflected forms Finnish uses for places (Savonlinnassa,
 * Savonlinnaan, Porissa, Raumalla, Vaasan, Tampereella, Helsingissä,
 * Ruokolahdella, Kauniaisissa, Uudessakaupungissa), and villages and former
 * municipalities from the postal areas (Kerimäki, Punkaharju, Simpele,
 * Sundom), which resolve to their municipality.
 *
 * Pure: the tables are built once from the lists passed in (see
 * municipalities.server.ts); a lookup is a few Map probes.
 * ADR 009 explains the design and the ambiguity rule.
 */

export type PlaceMatch = {
  /** The municipality's Finnish name (the catalog's key). */
  municipality: string;
  /** Set when the word named a village or district of that municipality. */
  village?: string;
  /** Also an ordinary word or a first name: a place only when the query leaves no doubt. */
  ambiguous: boolean;
  /** Words consumed (1 for most names, 2–3 for "Koski Tl", "S:t Michel"). */
  words: number;
  /** True when the form is a partitive (Savonlinnaa), which only follows "lähellä". */
  partitive: boolean;
};

export type PlaceNameSource = {
  municipalities: { fi: string; sv: string }[];
  /** Postal area names (villages, districts, former municipalities) and their municipality. */
  villages: { name: string; municipality: string; swedish?: boolean }[];
};

/**
 * Place names that are also ordinary words or first names in fi/sv/en
 * ("koski" is rapids, "salo" backwoods, "Kaarina" a name, "sund" healthy).
 * Village names equal to a common landscape word are added below.
 */
export const AMBIGUOUS_PLACE_NAMES = new Set([
  "koski",
  "salo",
  "aura",
  "virrat",
  "pello",
  "kolari",
  "hanko",
  "kaarina",
  "simo",
  "salla",
  "nokia",
  "sund",
  "geta",
  "luoto",
  "perho",
  "rusko",
  "somero",
  "ii",
  "pyhäjärvi",
  "lieto",
  "lemi",
  "soini",
]);

/** Landscape and settlement words: a village with such a name is ambiguous (Saari, Niemi, Ranta). */
const COMMON_WORDS = new Set(
  (
    "saari niemi lahti koski järvi joki mäki ranta kylä harju kallio vaara salmi suo lampi metsä " +
    "kangas nummi pelto kirkko asema satama keskusta kirkonkylä keskus kunta kaupunki tori linna " +
    "puisto vuori kumpu laakso lehto aho kivi hiekka koivu kuusi mänty tammi pihlaja haapa leppä " +
    "kataja kari mutka silta portti talo koti kartano hovi kulma pää raja selkä vesi meri hiekkaranta " +
    "by ö holm vik näs berg dal strand skog kyrkby centrum hamn gård backe sand ängen viken " +
    "kala lintu sieni marja kukka laulu tanssi kuva taide peli ruoka leipä kahvi tee"
  ).split(/\s+/),
);

/** Case endings a Finnish place name takes after its oblique stem; partitives are separate. */
const CASE_ENDINGS = [
  "n",
  "ssa",
  "ssä",
  "sta",
  "stä",
  "lla",
  "llä",
  "lta",
  "ltä",
  "lle",
  "na",
  "nä",
  "ksi",
  "an",
  "en",
  "in",
  "on",
  "un",
  "yn",
  "än",
  "ön",
  "seen",
  "hin",
  "han",
  "hen",
  "hon",
  "hun",
  "hyn",
  "hän",
  "hön",
  "ten",
  "tten",
  "kin",
  "nkin",
  "ssakin",
  "ssäkin",
  "llakin",
  "lläkin",
  "lainen",
  "läinen",
  "laiset",
  "läiset",
  "laisille",
  "läisille",
];
const PARTITIVE_ENDINGS = ["a", "ä", "ta", "tä", "aa", "ää"];
/** Swedish names: the genitive (Vasas, Borgås) and nothing else. */
const SWEDISH_ENDINGS = ["s"];
const MAX_ENDING = Math.max(...[...CASE_ENDINGS, ...PARTITIVE_ENDINGS].map((e) => e.length));

/** The interest matcher's gradation pairs, plus those place names need (Turku → Turu-). */
const GRADATION: [string, string][] = [
  ...INTEREST_GRADATION,
  ["rk", "r"],
  ["lk", "l"],
  ["hk", "h"],
];

/** Old i-words that inflect on an e-stem (järvi → järvellä); place names often end in one. */
const E_STEM_WORDS: Record<string, string[]> = {
  järvi: ["järve"],
  joki: ["joe", "joke"],
  lahti: ["lahde", "lahte"],
  niemi: ["nieme"],
  saari: ["saare"],
  mäki: ["mäe", "mäke"],
  lampi: ["lamme", "lampe"],
  salmi: ["salme"],
  vesi: ["vede", "vete"],
  koski: ["koske"],
  nummi: ["numme"],
  kivi: ["kive"],
  loppi: ["lope", "loppe"],
  lumi: ["lume"],
  suvi: ["suve"],
  veitsi: ["veitse"],
};

/** Names whose inflection the rules above do not produce. */
const IRREGULAR: Record<string, string[]> = {
  uusikaupunki: [
    "uudenkaupungin",
    "uudessakaupungissa",
    "uudestakaupungista",
    "uuteenkaupunkiin",
    "uusikaupunki",
  ],
  uusikaarlepyy: [
    "uudenkaarlepyyn",
    "uudessakaarlepyyssä",
    "uudestakaarlepyystä",
    "uuteenkaarlepyyhyn",
  ],
  virrat: ["virroilla", "virroille", "virroilta", "virtain", "virroissa", "virroista", "virtoihin"],
  kristiinankaupunki: ["kristiinassa", "kristiinaan", "kristiinan", "kristiinasta"],
};

export function foldPlaceWord(word: string): string {
  return word.normalize("NFC").toLocaleLowerCase("fi");
}

/** Words of a name as typed text folds them (hyphens and punctuation split words). */
export function placeNameWords(name: string): string[] {
  return foldPlaceWord(name)
    .replace(/[^\p{L}\p{N}\s-]+/gu, " ")
    .replace(/-/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

function gradedVariants(stem: string): string[] {
  const out = new Set([stem]);
  // Gradation changes the consonants before the last vowel(s) only.
  const m = /^(.*?)([^aeiouyäö]+)([aeiouyäö]+)$/.exec(stem);
  if (m) {
    const [, head, cluster, vowels] = m;
    for (const [strong, weak] of GRADATION) {
      for (const [from, to] of [
        [strong, weak],
        [weak, strong],
      ] as const) {
        if (cluster!.endsWith(from)) out.add(head + cluster!.slice(0, -from.length) + to + vowels);
      }
    }
  }
  return [...out];
}

/** Oblique stems of one Finnish place-name word (the nominative itself included). */
export function finnishPlaceStems(word: string): string[] {
  const stems = new Set<string>([word]);
  for (const s of gradedVariants(word)) stems.add(s);
  for (const [tail, replacements] of Object.entries(E_STEM_WORDS)) {
    if (word.endsWith(tail) && word.length >= tail.length) {
      const head = word.slice(0, -tail.length);
      for (const r of replacements) stems.add(head + r);
    }
  }
  if (/nen$/.test(word)) {
    // Kauniainen → Kauniaisissa / Kauniaisten; Kaustinen → Kaustisella.
    const head = word.slice(0, -3);
    stems.add(`${head}se`);
    stems.add(`${head}si`);
    stems.add(`${head}s`);
  } else if (/[uy]s$/.test(word)) {
    // Kannus → Kannuksessa; Varkaus → Varkaudessa.
    stems.add(`${word.slice(0, -1)}kse`);
    stems.add(`${word.slice(0, -1)}de`);
    stems.add(`${word.slice(0, -2)}de`);
  } else if (/es$/.test(word)) {
    stems.add(`${word.slice(0, -1)}kse`); // Nurmes → Nurmeksessa
  } else if (/[aä]s$/.test(word)) {
    // Pihtipudas → Pihtiputaalla: the s becomes a long vowel, the stem takes the strong grade.
    const v = word.at(-2)!;
    const long = `${word.slice(0, -1)}${v}`;
    for (const s of gradedVariants(long.slice(0, -1))) stems.add(`${s}${v}`);
    stems.add(long.replace(/d([aä]{2})$/, "t$1"));
  } else if (/[^e]e$/.test(word)) {
    stems.add(`${word}e`); // Tampere → Tampereella; Raahe → Raahessa keeps the short one
  }
  return [...stems];
}

type Entry = {
  municipality: string;
  village?: string;
  ambiguous: boolean;
  words: number;
  /** Words before the last one, which must be typed as they are. */
  prefix: string[];
  swedish: boolean;
};

export class PlaceNames {
  /** Stem of the last word → entries (several for the same stem are rare). */
  private readonly stems = new Map<string, Entry[]>();
  /** Inflected forms listed in full (irregular names). */
  private readonly forms = new Map<string, Entry[]>();
  /** The last word of every name in its base form: only these stand without an ending. */
  private readonly nominatives = new Set<string>();
  /** Every name once, for "did you mean" on a mistyped place. */
  readonly names: { name: string; municipality: string }[] = [];

  constructor(source: PlaceNameSource) {
    const municipalityNames = new Set<string>();
    for (const m of source.municipalities) {
      municipalityNames.add(foldPlaceWord(m.fi));
      municipalityNames.add(foldPlaceWord(m.sv));
    }
    for (const m of source.municipalities) {
      this.addName(m.fi, m.fi, undefined, false);
      if (foldPlaceWord(m.sv) !== foldPlaceWord(m.fi)) this.addName(m.sv, m.fi, undefined, true);
      // "Koski Tl" is typed "Koski"; "Pedersören kunta" would be typed "Pedersöre".
      const words = placeNameWords(m.fi);
      if (words.length === 2 && words[1]!.length <= 3)
        this.addName(words[0]!, m.fi, undefined, false);
    }
    const seen = new Set<string>();
    for (const v of source.villages) {
      const clean = v.name.replace(/\s+KK$/i, "").trim();
      const folded = foldPlaceWord(clean);
      if (folded.length < 4 || municipalityNames.has(folded) || seen.has(folded)) continue;
      if (/automaatti|smart ?post|posti|pakett/i.test(folded)) continue;
      seen.add(folded);
      this.addName(titleCase(clean), v.municipality, titleCase(clean), v.swedish === true);
    }
    for (const [name, forms] of Object.entries(IRREGULAR)) {
      const entry = this.stems.get(name)?.[0];
      if (!entry) continue;
      for (const form of forms) this.add(this.forms, form, entry);
    }
  }

  private addName(
    name: string,
    municipality: string,
    village: string | undefined,
    swedish: boolean,
  ) {
    const words = placeNameWords(name);
    if (words.length === 0) return;
    const last = words.at(-1)!;
    const whole = words.join(" ");
    const ambiguous =
      AMBIGUOUS_PLACE_NAMES.has(whole) ||
      (village !== undefined &&
        (COMMON_WORDS.has(whole) || words.some((w) => COMMON_WORDS.has(w))));
    const entry: Entry = {
      municipality,
      village,
      ambiguous,
      words: words.length,
      prefix: words.slice(0, -1),
      swedish,
    };
    this.names.push({ name: village ?? name, municipality });
    this.nominatives.add(last);
    const stems = swedish ? [last] : finnishPlaceStems(last);
    for (const stem of stems) this.add(this.stems, stem, entry);
  }

  private add(map: Map<string, Entry[]>, key: string, entry: Entry) {
    const list = map.get(key);
    if (!list) map.set(key, [entry]);
    else if (
      !list.some((e) => e.municipality === entry.municipality && e.village === entry.village)
    )
      list.push(entry);
  }

  /**
   * The place starting at words[i], if any. Words are folded (lower case,
   * punctuation removed). Municipalities win over villages of the same name.
   */
  match(words: string[], i: number): PlaceMatch | undefined {
    let best: PlaceMatch | undefined;
    for (let n = 3; n >= 1 && !best; n--) {
      if (i + n > words.length) continue;
      const last = words[i + n - 1]!;
      const candidates = this.candidatesFor(last);
      for (const c of candidates) {
        const e = c.entry;
        if (e.words !== n) continue;
        if (!e.prefix.every((p, j) => words[i + j] === p)) continue;
        const match: PlaceMatch = {
          municipality: e.municipality,
          village: e.village,
          ambiguous: e.ambiguous,
          words: n,
          partitive: c.partitive,
        };
        if (!best || (best.village && !match.village) || (best.partitive && !match.partitive))
          best = match;
      }
    }
    return best;
  }

  /** Villages and districts of `municipality` that a text (an address) names. */
  villagesIn(text: string, municipality: string): string[] {
    const words = placeNameWords(text);
    const found = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      const m = this.match(words, i);
      if (m?.village && m.municipality === municipality && !m.partitive) found.add(m.village);
    }
    return [...found];
  }

  private candidatesFor(word: string): { entry: Entry; partitive: boolean }[] {
    const out: { entry: Entry; partitive: boolean }[] = [];
    for (const e of this.forms.get(word) ?? []) out.push({ entry: e, partitive: false });
    const max = Math.min(MAX_ENDING, word.length - 2);
    for (let cut = 0; cut <= max; cut++) {
      const stem = cut === 0 ? word : word.slice(0, -cut);
      const entries = this.stems.get(stem);
      if (!entries) continue;
      const ending = cut === 0 ? "" : word.slice(-cut);
      for (const e of entries) {
        if (e.swedish) {
          if (ending === "" || SWEDISH_ENDINGS.includes(ending))
            out.push({ entry: e, partitive: false });
          continue;
        }
        if (ending === "") {
          // Only a base form stands alone, not an oblique stem (lahde, järve).
          if (this.nominatives.has(stem)) out.push({ entry: e, partitive: false });
        } else if (CASE_ENDINGS.includes(ending)) {
          out.push({ entry: e, partitive: false });
        } else if (PARTITIVE_ENDINGS.includes(ending)) {
          out.push({ entry: e, partitive: true });
        }
      }
    }
    return out;
  }
}

function titleCase(name: string): string {
  return name
    .toLocaleLowerCase("fi")
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toLocaleUpperCase("fi"));
}
