import type { InterestMatcher } from "../interests/normalize.ts";

/**
 * How well someone's interests meet an activity's or a pilot's: the
 * rulebook's interest part (match-rules.ts). Pure; the matcher only looks
 * words up in the vocabulary.
 */

export type InterestFit = { score: number; exact: string[]; related: string[]; words: string[] };

/**
 * A typed word inside the text: its first half (at least 5 letters) at the
 * start of a word, so Finnish endings do not hide it (koodaamisesta ~ koodaamaan).
 */
function containsWord(haystack: string, word: string) {
  const stem = word.slice(0, Math.min(word.length, Math.max(5, Math.ceil(word.length / 2))));
  return haystack.includes(` ${stem}`);
}

/**
 * Exact concepts count fully, a concept of the same broader category
 * partly (categoryOf), unknown typed words when the text contains them.
 * The best single match weighs most; covering more of the person's
 * interests adds to it.
 */
export function interestFit(
  seeker: { interestKeys: string[]; unknownWords: string[]; typedWords: string[] },
  keys: string[],
  searchText: string,
  matcher: InterestMatcher,
): InterestFit {
  const have = new Set(keys);
  const categories = new Set(keys.map((k) => matcher.categoryOf(k) ?? k));
  const exact: string[] = [];
  const related: string[] = [];
  const words: string[] = [];
  const credits: number[] = [];
  for (const k of seeker.interestKeys) {
    if (have.has(k)) {
      exact.push(k);
      credits.push(1);
      continue;
    }
    const category = matcher.categoryOf(k) ?? k;
    if (categories.has(category)) {
      related.push(category);
      credits.push(0.4);
    } else credits.push(0);
  }
  const haystack = ` ${searchText} `;
  for (const w of seeker.unknownWords) {
    if (containsWord(haystack, w)) {
      words.push(w);
      credits.push(0.8);
    } else credits.push(0);
  }
  // A typed word found as such in the text counts even when the vocabulary
  // read it otherwise; it lifts the best match but not the coverage.
  let literal = 0;
  if (exact.length === 0) {
    for (const w of seeker.typedWords) {
      if (words.includes(w) || !containsWord(haystack, w)) continue;
      words.push(w);
      literal = 0.8;
    }
  }
  if (credits.length === 0 && literal === 0) return { score: 0, exact, related, words };
  const best = Math.max(literal, ...credits);
  const coverage = credits.length ? credits.reduce((s, c) => s + c, 0) / credits.length : literal;
  return {
    score: 0.75 * best + 0.25 * coverage,
    exact,
    related: [...new Set(related)],
    words,
  };
}
