/**
 * Maps what people type ("kalastuksesta", "salilla käynti", "fiske") to
 * interest concepts. Finnish is highly inflected and agglutinative, and no
 * stemmer on npm unifies its derivations (kalastuksesta/kalastus), so the
 * matcher works on roots: each vocabulary term is reduced to a root plus its
 * consonant-gradation variants, and a typed word matches when it is the root
 * followed by a known ending, or a long root followed by anything (derivation
 * and compounds: kalastusretki), or ends with a known term (compound head:
 * pilkkikalastus). ADR 004 explains the trade-offs.
 */

export type VocabularyConcept = {
  key: string;
  labels: { fi: string; sv: string; en: string };
  category?: string;
  terms: string[];
};

export type Normalized = {
  /** Concept keys, in the order first found. */
  keys: string[];
  /** Words that matched nothing and carry meaning (not stop words), kept as text. */
  unknown: string[];
  /** For explanations: which typed word gave which concept. */
  matches: { word: string; key: string }[];
};

/** Inflectional endings of fi/sv/en, with and without a linking vowel. */
const CASE_ENDINGS = [
  "ssa",
  "ssä",
  "sta",
  "stä",
  "lla",
  "llä",
  "lta",
  "ltä",
  "lle",
  "ksi",
  "tta",
  "ttä",
  "na",
  "nä",
  "seen",
  "hin",
  "han",
  "hen",
  "hon",
  "hun",
  "hyn",
  "hän",
  "hön",
  "iin",
  "aan",
  "ään",
  "een",
  "oon",
  "uun",
  "yyn",
  "en",
  "an",
  "än",
  "in",
  "on",
  "un",
  "yn",
  "n",
  "t",
  "a",
  "ä",
  "ja",
  "jä",
  "ita",
  "itä",
  "ihin",
  "issa",
  "issä",
  "ista",
  "istä",
  "illa",
  "illä",
  "ilta",
  "iltä",
  "ille",
  "ineen",
  "ina",
  "inä",
  "iksi",
  "ien",
  "jen",
  "iden",
  "ten",
  "tten",
  "ine",
  "ni",
  "si",
  "nsa",
  "nsä",
  "mme",
  "nne",
  "kin",
  "kaan",
  "kään",
  "ko",
  "kö",
  "pa",
  "pä",
];
const VERB_ENDINGS = [
  "a",
  "ä",
  "aa",
  "ää",
  "an",
  "än",
  "at",
  "ät",
  "ava",
  "ävä",
  "i",
  "in",
  "it",
  "imme",
  "itte",
  "ivat",
  "ivät",
  "isi",
  "isin",
  "maan",
  "mään",
  "massa",
  "mässä",
  "masta",
  "mästä",
  "maton",
  "minen",
  "mista",
  "mistä",
  "misesta",
  "misestä",
  "miseen",
  "misen",
  "nut",
  "nyt",
  "neet",
  "ttu",
  "tty",
  "taan",
  "tään",
  "ttiin",
  "ja",
  "jä",
  "ilen",
  "illa",
  "elu",
  "ely",
  "elen",
  "ella",
  "ellä",
  "ellut",
  "ellyt",
  "emaan",
  "emään",
];
const OTHER_ENDINGS = [
  // Swedish
  "e",
  "et",
  "en",
  "ar",
  "ade",
  "er",
  "or",
  "na",
  "erna",
  "arna",
  "orna",
  "ande",
  // English
  "s",
  "es",
  "ing",
  "ed",
  "er",
  "ers",
];
const ENDINGS = new Set<string>([""]);
for (const e of [...CASE_ENDINGS, ...VERB_ENDINGS, ...OTHER_ENDINGS]) {
  ENDINGS.add(e);
  for (const v of ["a", "ä", "e", "i", "o", "u", "y"]) ENDINGS.add(v + e);
}

/** Words that carry no interest (fi/sv/en), so they are not kept as "unknown". */
const STOP_WORDS = new Set(
  (
    "ja tai sekä mutta että kun jos niin kuin myös vain ei en et emme ette eivät ole on oli olisi ollut " +
    "olla olen olet olemme ovat hän he se ne me te minä sinä mä sä hänen heidän sen niiden minun sinun " +
    "meidän teidän tämä tuo nämä nuo joka jotka mikä mitkä kuka ketkä mitä mikään jotain jotakin " +
    "paljon vähän aina joskus usein ennen nyt sitten vielä jo enää kanssa ilman kautta mukaan luona " +
    "tykkää tykkäsi tykkäisi tykkään haluaa haluaisi haluan haluaisin kiinnostaa kiinnostunut " +
    "kiinnostaisi pitää pitäisi pitänyt voisi voi voin voisin osaa osaan isän äidin kaverin kavereiden " +
    "lapsena nuorena kerran jotain hyvin tosi todella aika melko eniten mieluiten esim esimerkiksi " +
    "asia asiat juttu jutut muu muut muuta kaikki kaikkea mitään jne yms ym " +
    "och eller men att som om inte är var har hade jag du han hon vi ni de den det mycket lite " +
    "gillar tycker vill med utan för till från på av i en ett " +
    "and or but the a an of to in on with for is are was were i he she we they it likes like " +
    "loves love wants want very much some"
  ).split(/\s+/),
);

export function foldText(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("fi")
    .replace(/[^\p{L}\p{N}\s-]+/gu, " ")
    .replace(/-/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function tokenize(text: string): string[] {
  const folded = foldText(text);
  return folded === "" ? [] : folded.split(" ");
}

/** Consonant gradation, strong and weak grade (kk/k, nt/nn …); places reuse it. */
export const GRADATION: [string, string][] = [
  ["kk", "k"],
  ["pp", "p"],
  ["tt", "t"],
  ["nk", "ng"],
  ["mp", "mm"],
  ["lt", "ll"],
  ["nt", "nn"],
  ["rt", "rr"],
  ["ht", "hd"],
];

/** The root of a base-form word and its consonant-gradation variants. */
export function rootsOf(word: string): string[] {
  // -os/-ös nouns inflect on -okse- (luonnos → luonnoksia); a shorter root would
  // swallow unrelated words (luonnossa is "in nature", not "in a sketch").
  if (/[oö]s$/.test(word) && word.length >= 5) return [`${word.slice(0, -1)}ks`];
  let root = word;
  const strip = (suffixes: string[], keep = 3) => {
    for (const s of suffixes) {
      if (root.endsWith(s) && root.length - s.length >= keep) {
        root = root.slice(0, -s.length);
        return true;
      }
    }
    return false;
  };
  // Longest derivational endings first: -minen (verbal noun), -nen, -us/-ys, infinitives, -ing.
  const derivations = [
    ["minen", "inen", "nen"],
    ["us", "ys"],
    ["aa", "ää", "ea", "eä", "ia", "iä", "oa", "ua", "yä", "da", "dä"],
    ["ing"],
  ];
  derivations.some((suffixes) => strip(suffixes));
  // Then a final vowel (sali -> sal, fiske -> fisk); -minen roots keep theirs (pilkkimi-).
  if (!word.endsWith("minen")) strip(["a", "ä", "e", "i", "o", "u", "y", "ö"]);
  const roots = new Set([root]);
  for (const [strong, weak] of GRADATION) {
    for (const [from, to] of [
      [strong, weak],
      [weak, strong],
    ] as const) {
      const at = root.lastIndexOf(from);
      // Gradation happens in the last syllables only.
      if (at >= 0 && at >= root.length - from.length - 2 && at > 0) {
        roots.add(root.slice(0, at) + to + root.slice(at + from.length));
      }
    }
  }
  return [...roots];
}

type Entry = { key: string; root: string };

export class InterestMatcher {
  private exact = new Map<string, Set<string>>();
  private roots = new Map<string, Set<string>>();
  private phrases: { words: string[]; key: string }[] = [];
  /**
   * The phrases by the first letter of their first word, with their index in
   * `phrases`. Every root of a word keeps the word's first letter (rootsOf),
   * so a typed word can begin a phrase only if it shares that letter:
   * normalize compares each word with these few instead of every phrase
   * (most of the cost of building a search document, issue #15).
   */
  private phrasesByInitial = new Map<string, number[]>();
  private minRoot = 3;
  private forms = new Map<string, readonly string[]>();
  readonly concepts: Map<string, VocabularyConcept>;

  constructor(concepts: VocabularyConcept[]) {
    this.concepts = new Map(concepts.map((c) => [c.key, c]));
    for (const c of concepts) {
      const forms = [c.labels.fi, c.labels.sv, c.labels.en, ...c.terms];
      for (const form of forms) {
        const words = tokenize(form);
        if (words.length === 0) continue;
        if (words.length > 1) {
          const initial = words[0]![0]!;
          const group = this.phrasesByInitial.get(initial);
          if (group) group.push(this.phrases.length);
          else this.phrasesByInitial.set(initial, [this.phrases.length]);
          this.phrases.push({ words, key: c.key });
          // A phrase's head word alone is too vague ("käynti"), its first word often is not.
          this.add(this.exact, words.join(""), c.key);
          continue;
        }
        const word = words[0]!;
        this.add(this.exact, word, c.key);
        for (const root of rootsOf(word)) {
          if (root.length >= this.minRoot) this.add(this.roots, root, c.key);
        }
      }
    }
  }

  private add(map: Map<string, Set<string>>, k: string, key: string) {
    let set = map.get(k);
    if (!set) map.set(k, (set = new Set()));
    set.add(key);
  }

  /** Concepts one word refers to (empty when none). */
  matchWord(word: string): string[] {
    const exact = this.exact.get(word);
    if (exact) return [...exact];
    const found = new Set<string>();
    this.matchRoots(word, found, false);
    if (found.size === 0) {
      // Compound head: the last part decides what the word is about (pilkkikalastus).
      for (let i = 3; i <= word.length - 3 && found.size === 0; i++) {
        const head = word.slice(i);
        const exactHead = this.exact.get(head);
        if (exactHead) exactHead.forEach((k) => found.add(k));
        else this.matchRoots(head, found, true);
      }
    }
    return [...found];
  }

  private matchRoots(word: string, found: Set<string>, isHead: boolean) {
    for (let len = Math.min(word.length, 40); len >= this.minRoot; len--) {
      const keys = this.roots.get(word.slice(0, len));
      if (!keys) continue;
      const rest = word.slice(len);
      // Long roots take any continuation (derivations, compound modifiers); short ones only endings.
      const longEnough = len >= 5 && !isHead;
      if (ENDINGS.has(rest) || (longEnough && rest.length <= 12)) {
        keys.forEach((k) => found.add(k));
        return;
      }
    }
  }

  normalize(text: string | string[]): Normalized {
    const inputs = Array.isArray(text) ? text : [text];
    const keys: string[] = [];
    const unknown: string[] = [];
    const matches: { word: string; key: string }[] = [];
    const push = (word: string, key: string) => {
      if (!keys.includes(key)) keys.push(key);
      matches.push({ word, key });
    };
    for (const input of inputs) {
      const words = tokenize(input);
      const used = new Set<number>();
      // Phrase matches in the order of a scan of every phrase at every position.
      const hits: { phrase: number; at: number }[] = [];
      words.forEach((word, at) => {
        for (const index of this.phrasesByInitial.get(word[0] ?? "") ?? []) {
          const phrase = this.phrases[index]!;
          if (at + phrase.words.length > words.length) continue;
          if (phrase.words.every((pw, j) => this.sameWord(words[at + j]!, pw)))
            hits.push({ phrase: index, at });
        }
      });
      hits.sort((a, b) => a.phrase - b.phrase || a.at - b.at);
      for (const { phrase: index, at } of hits) {
        const phrase = this.phrases[index]!;
        push(words.slice(at, at + phrase.words.length).join(" "), phrase.key);
        for (let j = 0; j < phrase.words.length; j++) used.add(at + j);
      }
      words.forEach((word, i) => {
        if (used.has(i) || word.length < 3 || /^\d+$/.test(word)) return;
        const found = this.matchWord(word);
        if (found.length > 0) found.forEach((k) => push(word, k));
        else if (!STOP_WORDS.has(word) && !unknown.includes(word)) unknown.push(word);
      });
    }
    return { keys, unknown, matches };
  }

  /** The roots of the phrases' words, computed once: every typed word is compared with them all. */
  private phraseWordRoots = new Map<string, string[]>();

  /** Whether a typed word is an inflected form of one word of a phrase. */
  private sameWord(typed: string, base: string) {
    if (typed === base) return true;
    let roots = this.phraseWordRoots.get(base);
    if (!roots) this.phraseWordRoots.set(base, (roots = rootsOf(base)));
    return roots.some((root) => typed.startsWith(root) && ENDINGS.has(typed.slice(root.length)));
  }

  /** Every form of a concept: labels and terms, for search synonyms and query expansion. */
  /** Every folded form of a concept; kept per key (building a search document asks for them all). */
  formsOf(key: string): readonly string[] {
    const kept = this.forms.get(key);
    if (kept) return kept;
    const c = this.concepts.get(key);
    if (!c) return [];
    const forms = [c.labels.fi, c.labels.sv, c.labels.en, ...c.terms].map(foldText);
    const unique = Object.freeze([...new Set(forms.filter(Boolean))]);
    this.forms.set(key, unique);
    return unique;
  }

  label(key: string, lang: "fi" | "sv" | "en"): string {
    return this.concepts.get(key)?.labels[lang] ?? key;
  }

  categoryOf(key: string): string | undefined {
    return this.concepts.get(key)?.category;
  }
}

export type { Entry };
