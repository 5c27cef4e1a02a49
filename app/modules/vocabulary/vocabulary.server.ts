import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { activities, interestConcepts, interestTerms, pilots } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import type { FieldErrors } from "#app/infra/forms.ts";
import { getMeili, isMeiliUnreachable, meiliApiError } from "#app/infra/meili.server.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { recordAudit, type Actor } from "../audit/audit.server.ts";
import { activityFieldsOf, activityValues } from "../catalog/catalog.server.ts";
import { renormalizeParticipants } from "../participants/participants.server.ts";
import { pilotFieldsOf, pilotValues } from "../pilots/pilots.server.ts";
import { updateSynonyms } from "../search/sync.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { foldText, type InterestMatcher } from "../interests/normalize.ts";
import type { ConceptForm } from "./vocabulary-schema.ts";

/**
 * The admin's side of the interest vocabulary: its own capability, above
 * catalog, participants and pilots (it re-normalizes all three), so that
 * interests/ stays at the ground with nothing importing back up. Every change re-normalizes
 * the stored interest keys of participants, activities and pilots in the same
 * transaction (activities and pilots through their own value builders, with
 * outbox rows so that search follows), then pushes the synonyms to
 * Meilisearch.
 */

export type VocabularyEntry = {
  id: number;
  key: string;
  labelFi: string;
  labelSv: string;
  labelEn: string;
  isCategory: boolean;
  broaderKey: string | null;
  terms: string[];
};

export function listVocabulary(db: Db = getDb()): VocabularyEntry[] {
  const concepts = db.select().from(interestConcepts).orderBy(asc(interestConcepts.labelFi)).all();
  const keyById = new Map(concepts.map((c) => [c.id, c.key]));
  const terms = db.select().from(interestTerms).orderBy(asc(interestTerms.term)).all();
  const termsOf = new Map<number, string[]>();
  for (const t of terms) termsOf.set(t.conceptId, [...(termsOf.get(t.conceptId) ?? []), t.term]);
  return concepts.map((c) => ({
    id: c.id,
    key: c.key,
    labelFi: c.labelFi,
    labelSv: c.labelSv,
    labelEn: c.labelEn,
    isCategory: c.isCategory,
    broaderKey: c.broaderId ? (keyById.get(c.broaderId) ?? null) : null,
    terms: termsOf.get(c.id) ?? [],
  }));
}

export function getVocabularyEntry(key: string, db: Db = getDb()) {
  return listVocabulary(db).find((e) => e.key === key);
}

/** How many records use each key: the admin sees what a merge or edit touches. */
export function countKeyUsage(db: Db = getDb()): Record<string, number> {
  const rows = db.$client
    .prepare(
      `select value as key, count(*) as n from (
         select j.value from activities, json_each(activities.interest_keys) j
         union all select j.value from pilots, json_each(pilots.interest_keys) j
         union all select j.value from participants, json_each(participants.interest_keys) j
       ) group by value`,
    )
    .all() as { key: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

export type RenormalizeCounts = { activities: number; pilots: number; participants: number };

/**
 * Recomputes the derived interest columns of every record against the
 * current vocabulary; only rows that change are written (and, for
 * activities and pilots, queued for the index).
 */
export function renormalizeAll(db: Db, matcher: InterestMatcher = getInterestMatcher(db)) {
  const counts: RenormalizeCounts = { activities: 0, pilots: 0, participants: 0 };
  for (const row of db.select().from(activities).all()) {
    const v = activityValues(activityFieldsOf(row), matcher);
    if (
      JSON.stringify(v.interestKeys) === JSON.stringify(row.interestKeys) &&
      v.searchText === row.searchText
    )
      continue;
    db.update(activities)
      .set({ interestKeys: v.interestKeys, searchText: v.searchText })
      .where(eq(activities.id, row.id))
      .run();
    enqueueIndexChange(db, "activity", row.id);
    counts.activities++;
  }
  for (const row of db.select().from(pilots).all()) {
    const v = pilotValues(pilotFieldsOf(row), matcher);
    if (JSON.stringify(v.interestKeys) === JSON.stringify(row.interestKeys)) continue;
    db.update(pilots).set({ interestKeys: v.interestKeys }).where(eq(pilots.id, row.id)).run();
    enqueueIndexChange(db, "pilot", row.id);
    counts.pilots++;
  }
  counts.participants = renormalizeParticipants(db, matcher);
  return counts;
}

export type VocabularyResult =
  | { ok: true; key: string; renormalized: RenormalizeCounts }
  | { ok: false; fieldErrors: FieldErrors };

function checkTerms(db: Db, conceptId: number | null, terms: string[]): FieldErrors {
  if (terms.length === 0) return {};
  const owners = db
    .select({ term: interestTerms.term, key: interestConcepts.key })
    .from(interestTerms)
    .innerJoin(interestConcepts, eq(interestConcepts.id, interestTerms.conceptId))
    .where(
      conceptId == null
        ? inArray(interestTerms.term, terms)
        : and(inArray(interestTerms.term, terms), ne(interestTerms.conceptId, conceptId)),
    )
    .all();
  // Another entry's label counts too: "fiske" is the Swedish label of fishing.
  const wanted = new Set(terms);
  for (const c of db.select().from(interestConcepts).all()) {
    if (c.id === conceptId) continue;
    for (const label of [c.labelFi, c.labelSv, c.labelEn]) {
      const folded = foldText(label);
      if (wanted.has(folded)) owners.push({ term: folded, key: c.key });
    }
  }
  if (owners.length === 0) return {};
  // A term belongs to one concept only, or "fiske" would mean two things.
  return { terms: `vocabulary.error.termTaken|${owners[0]!.term}|${owners[0]!.key}` };
}

function resolveBroader(db: Db, broader: string | null, selfKey: string | null) {
  if (!broader) return { id: null as number | null };
  if (broader === selfKey) return { error: "vocabulary.error.broaderSelf" };
  const row = db.select().from(interestConcepts).where(eq(interestConcepts.key, broader)).get();
  if (!row || !row.isCategory) return { error: "vocabulary.error.broader" };
  return { id: row.id };
}

function replaceTerms(db: Db, conceptId: number, terms: string[]) {
  db.delete(interestTerms).where(eq(interestTerms.conceptId, conceptId)).run();
  for (const term of terms) {
    db.insert(interestTerms).values({ conceptId, term, lang: "any" }).onConflictDoNothing().run();
  }
}

/** Creates a concept (key given) or edits one; terms replace the old list. */
export function saveConcept(
  actor: Actor,
  input: ConceptForm & { key: string },
  mode: "create" | "update",
  db: Db = getDb(),
): VocabularyResult {
  return writeTransaction((tx): VocabularyResult => {
    const existing = tx
      .select()
      .from(interestConcepts)
      .where(eq(interestConcepts.key, input.key))
      .get();
    if (mode === "create" && existing)
      return { ok: false, fieldErrors: { key: "vocabulary.error.keyTaken" } };
    if (mode === "update" && !existing)
      return { ok: false, fieldErrors: { _form: "vocabulary.error.notFound" } };
    const broader = resolveBroader(tx, input.broader, input.key);
    const fieldErrors: FieldErrors = {
      ...(broader.error ? { broader: broader.error } : {}),
      ...checkTerms(tx, existing?.id ?? null, input.terms),
    };
    if (existing && !input.isCategory && existing.isCategory) {
      const children = tx
        .select({ id: interestConcepts.id })
        .from(interestConcepts)
        .where(eq(interestConcepts.broaderId, existing.id))
        .all();
      if (children.length > 0) fieldErrors.isCategory = "vocabulary.error.hasChildren";
    }
    if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
    const values = {
      labelFi: input.labelFi,
      labelSv: input.labelSv,
      labelEn: input.labelEn,
      isCategory: input.isCategory,
      broaderId: broader.id ?? null,
      updatedAt: new Date(),
    };
    let id: number;
    if (existing) {
      tx.update(interestConcepts).set(values).where(eq(interestConcepts.id, existing.id)).run();
      id = existing.id;
    } else {
      id = tx
        .insert(interestConcepts)
        .values({ ...values, key: input.key })
        .returning({ id: interestConcepts.id })
        .get().id;
    }
    const beforeTerms = existing
      ? tx
          .select({ term: interestTerms.term })
          .from(interestTerms)
          .where(eq(interestTerms.conceptId, existing.id))
          .all()
          .map((t) => t.term)
          .sort()
      : [];
    replaceTerms(tx, id, input.terms);
    recordAudit(tx, actor, {
      action: existing ? "vocabulary.update" : "vocabulary.create",
      entityType: "interest_concept",
      entityId: input.key,
      changes: {
        labels: {
          before: existing ? [existing.labelFi, existing.labelSv, existing.labelEn] : null,
          after: [input.labelFi, input.labelSv, input.labelEn],
        },
        terms: { before: beforeTerms, after: [...input.terms].sort() },
        broaderId: { before: existing?.broaderId ?? null, after: broader.id ?? null },
      },
    });
    const renormalized = renormalizeAll(tx, getInterestMatcher(tx));
    return { ok: true, key: input.key, renormalized };
  }, db);
}

/**
 * Merges `fromKey` into `intoKey`: the source's labels and terms become
 * terms of the target, its narrower entries move under the target, and the
 * source is deleted. Re-normalization then re-points every stored key.
 */
export function mergeConcepts(
  actor: Actor,
  fromKey: string,
  intoKey: string,
  db: Db = getDb(),
): VocabularyResult {
  if (fromKey === intoKey)
    return { ok: false, fieldErrors: { into: "vocabulary.error.mergeSelf" } };
  return writeTransaction((tx): VocabularyResult => {
    const from = tx.select().from(interestConcepts).where(eq(interestConcepts.key, fromKey)).get();
    const into = tx.select().from(interestConcepts).where(eq(interestConcepts.key, intoKey)).get();
    if (!from) return { ok: false, fieldErrors: { _form: "vocabulary.error.notFound" } };
    if (!into) return { ok: false, fieldErrors: { into: "vocabulary.error.mergeTarget" } };
    if (from.isCategory !== into.isCategory)
      return { ok: false, fieldErrors: { into: "vocabulary.error.mergeKind" } };
    const fromTerms = tx
      .select({ term: interestTerms.term })
      .from(interestTerms)
      .where(eq(interestTerms.conceptId, from.id))
      .all()
      .map((t) => t.term);
    const intoForms = new Set(
      [into.labelFi, into.labelSv, into.labelEn].map((l) => foldText(l)).filter(Boolean),
    );
    const moved = [
      ...new Set(
        [from.labelFi, from.labelSv, from.labelEn, ...fromTerms]
          .map((t) => foldText(t))
          .filter((t) => t && !intoForms.has(t)),
      ),
    ];
    tx.delete(interestTerms).where(eq(interestTerms.conceptId, from.id)).run();
    for (const term of moved) {
      tx.insert(interestTerms)
        .values({ conceptId: into.id, term, lang: "any" })
        .onConflictDoNothing()
        .run();
    }
    tx.update(interestConcepts)
      .set({ broaderId: into.id, updatedAt: new Date() })
      .where(eq(interestConcepts.broaderId, from.id))
      .run();
    tx.delete(interestConcepts).where(eq(interestConcepts.id, from.id)).run();
    tx.update(interestConcepts)
      .set({ updatedAt: new Date() })
      .where(eq(interestConcepts.id, into.id))
      .run();
    recordAudit(tx, actor, {
      action: "vocabulary.merge",
      entityType: "interest_concept",
      entityId: intoKey,
      changes: {
        merged: { before: fromKey, after: intoKey },
        terms: { before: null, after: moved },
      },
    });
    const renormalized = renormalizeAll(tx, getInterestMatcher(tx));
    return { ok: true, key: intoKey, renormalized };
  }, db);
}

/**
 * Pushes the synonyms after a committed change. When Meilisearch is down
 * the change stands (SQLite is the source of truth) and the settings go out
 * with the next start or `npm run search:reindex` (ensureIndexes).
 */
export async function pushSynonyms(db: Db = getDb()): Promise<{ ok: boolean }> {
  const client = getMeili();
  if (!client) return { ok: false };
  try {
    await updateSynonyms(client, db);
    return { ok: true };
  } catch (e) {
    if (isMeiliUnreachable(e) || meiliApiError(e)) return { ok: false };
    throw e;
  }
}
