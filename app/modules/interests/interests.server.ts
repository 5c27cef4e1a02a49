import { sql } from "drizzle-orm";
import { interestConcepts, interestTerms } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { InterestMatcher, foldText, type VocabularyConcept } from "./normalize.ts";
import type { VocabularySeed } from "./interests-schema.ts";

let cached: { stamp: string; matcher: InterestMatcher } | undefined;

/**
 * The stamp read last, kept for a second: every suggestion and catalog
 * search asks for the matcher several times, and counting the vocabulary's
 * rows each time cost more than a millisecond per request (issue #15). An
 * edit in this process is seen at once (it runs in a transaction, which
 * reads afresh and forgets the kept stamp); another process sees it within
 * STAMP_TTL_MS.
 */
const STAMP_TTL_MS = 1000;
let keptStamp: { db: Db; stamp: string; at: number } | undefined;

function vocabularyStamp(db: Db): string {
  const now = Date.now();
  if (keptStamp && keptStamp.db === db && now - keptStamp.at < STAMP_TTL_MS) return keptStamp.stamp;
  const stamp = readVocabularyStamp(db);
  keptStamp = { db, stamp, at: now };
  return stamp;
}

/** After writing the vocabulary outside a matcher's transaction (seeding): read the stamp afresh. */
export function forgetVocabularyStamp() {
  keptStamp = undefined;
}

function readVocabularyStamp(db: Db): string {
  // Works inside transactions too (they have no $client).
  const row = db.get<{ u: number | null; c: number; t: number; m: number | null }>(
    sql`select (select max(updated_at) from interest_concepts) as u,
               (select count(*) from interest_concepts) as c,
               (select count(*) from interest_terms) as t,
               (select max(id) from interest_terms) as m`,
  );
  return `${row.u}:${row.c}:${row.t}:${row.m}`;
}

export function loadVocabulary(db: Db = getDb()): VocabularyConcept[] {
  const concepts = db.select().from(interestConcepts).all();
  const terms = db.select().from(interestTerms).all();
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const termsByConcept = new Map<number, string[]>();
  for (const t of terms) {
    const list = termsByConcept.get(t.conceptId) ?? [];
    list.push(t.term);
    termsByConcept.set(t.conceptId, list);
  }
  return concepts.map((c) => ({
    key: c.key,
    labels: { fi: c.labelFi, sv: c.labelSv, en: c.labelEn },
    category: c.broaderId ? byId.get(c.broaderId)?.key : undefined,
    terms: termsByConcept.get(c.id) ?? [],
  }));
}

/** The matcher for the current vocabulary; rebuilt when an admin edits it. */
export function getInterestMatcher(db: Db = getDb()): InterestMatcher {
  const stamp = vocabularyStamp(db);
  if (!cached || cached.stamp !== stamp) {
    cached = { stamp, matcher: new InterestMatcher(loadVocabulary(db)) };
  }
  return cached.matcher;
}

/**
 * Seeds the vocabulary once; existing entries (possibly edited by admins) are
 * left alone. The seed comes from db/seed-data/vocabulary.json, read and
 * validated by scripts/lib/seed-data.ts.
 */
export function seedVocabulary(seed: VocabularySeed, db: Db = getDb()) {
  db.transaction((tx) => {
    const existing = new Set(
      tx
        .select({ key: interestConcepts.key })
        .from(interestConcepts)
        .all()
        .map((r) => r.key),
    );
    const ids = new Map<string, number>();
    for (const c of seed.categories) {
      if (existing.has(c.key)) continue;
      const row = tx
        .insert(interestConcepts)
        .values({ key: c.key, labelFi: c.fi, labelSv: c.sv, labelEn: c.en, isCategory: true })
        .returning({ id: interestConcepts.id })
        .get();
      ids.set(c.key, row.id);
    }
    const allIds = new Map(
      tx
        .select({ key: interestConcepts.key, id: interestConcepts.id })
        .from(interestConcepts)
        .all()
        .map((r) => [r.key, r.id]),
    );
    for (const c of seed.concepts) {
      if (existing.has(c.key)) continue;
      const row = tx
        .insert(interestConcepts)
        .values({
          key: c.key,
          labelFi: c.fi,
          labelSv: c.sv,
          labelEn: c.en,
          broaderId: allIds.get(c.category) ?? null,
        })
        .returning({ id: interestConcepts.id })
        .get();
      const terms = [...new Set(c.terms.map(foldText).filter(Boolean))];
      for (const term of terms) {
        tx.insert(interestTerms)
          .values({ conceptId: row.id, term, lang: "any" })
          .onConflictDoNothing()
          .run();
      }
    }
  });
  forgetVocabularyStamp();
}

/**
 * Meilisearch synonyms are one-way per key, so every form of a concept lists
 * every other form. Categories are not expanded: "luonto" should not find
 * every fishing trip as strongly as the word itself.
 */
export function buildSynonyms(matcher: InterestMatcher): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const [key, concept] of matcher.concepts) {
    if (concept.terms.length === 0 && !concept.category) continue;
    const forms = matcher.formsOf(key);
    for (const form of forms) {
      const others = forms.filter((f) => f !== form);
      if (others.length === 0) continue;
      synonyms[form] = [...new Set([...(synonyms[form] ?? []), ...others])];
    }
  }
  return synonyms;
}

/** The words stored for the SQLite fallback search and Meilisearch: typed words plus every form of each concept. */
export function expandInterestText(matcher: InterestMatcher, keys: string[]): string {
  return keys.flatMap((k) => matcher.formsOf(k)).join(" ");
}
