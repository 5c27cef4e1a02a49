import { sql, type SQL } from "drizzle-orm";
import type { Db } from "#app/infra/db.server.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { listMunicipalities } from "../places/municipalities.server.ts";
import type { MatchParticipant } from "./match-facts.server.ts";
import { reachAreaOf, reachOf } from "./match-rules.ts";
import { onlyTrainedPilots } from "../settings/settings.server.ts";
import type { Candidates } from "./matching-retrieval.server.ts";

/**
 * Stage one without Meilisearch: the same hard filters in SQL, with the
 * interest words matched by LIKE over the stored search text or by an FTS5
 * index. scripts/bench-match.ts compares them with the Meilisearch
 * multi-search (latency, and relevance on the judged set); stage two is the
 * same re-ranker and SQLite check for all three.
 */

/** Municipalities whose centre is within reach (the rulebook's reachOf): for activities without their own coordinates. */
const reachCache = new Map<string, string[]>();
function reachableMunicipalities(p: MatchParticipant): string[] {
  const key = `${p.municipality}:${p.maxDistanceKm}`;
  let list = reachCache.get(key);
  if (!list) {
    const area = reachAreaOf(p);
    list = listMunicipalities()
      .filter((m) => reachOf(area, { municipality: m.fi, point: m }).ok)
      .map((m) => m.fi);
    if (!list.includes(p.municipality)) list.push(p.municipality);
    reachCache.set(key, list);
  }
  return list;
}

function inList(values: (string | number)[]) {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

/** A box around the participant's centre; the exact distance is the re-ranker's SQLite check. */
function boundingBox(p: MatchParticipant) {
  if (!p.centre) return undefined;
  const dLat = p.maxDistanceKm / 111;
  const dLon = p.maxDistanceKm / (111 * Math.cos((p.centre.lat * Math.PI) / 180));
  return {
    minLat: p.centre.lat - dLat,
    maxLat: p.centre.lat + dLat,
    minLon: p.centre.lon - dLon,
    maxLon: p.centre.lon + dLon,
  };
}

export function activityHardFilter(p: MatchParticipant, alias = "a"): SQL {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  const parts: SQL[] = [
    sql`${col("status")} = 'open'`,
    sql`(${col("capacity")} is null or ${col("enrolled")} < ${col("capacity")})`,
    sql`exists (select 1 from json_each(${col("languages")}) where value in (${inList(p.languages)}))`,
  ];
  if (p.age != null) {
    parts.push(sql`(${col("min_age")} is null or ${col("min_age")} <= ${p.age})`);
    parts.push(sql`(${col("max_age")} is null or ${col("max_age")} >= ${p.age})`);
  }
  const box = boundingBox(p);
  const reach: SQL[] = [
    sql`${col("municipality")} in (${inList(reachableMunicipalities(p))})`,
    sql`json_extract(${col("threshold")}, '$.online') = 1`,
  ];
  if (box) {
    reach.push(
      sql`(${col("lat")} between ${box.minLat} and ${box.maxLat} and ${col("lon")} between ${box.minLon} and ${box.maxLon})`,
    );
  }
  parts.push(sql`(${sql.join(reach, sql` or `)})`);
  return sql.join(parts, sql` and `);
}

/** Every form of the person's concepts plus the words the vocabulary does not know. */
function searchForms(p: MatchParticipant, matcher: InterestMatcher) {
  const forms = p.interestKeys.flatMap((k) => matcher.formsOf(k));
  return [...new Set([...forms, ...p.unknownWords, ...p.typedWords])].filter((f) => f.length >= 3);
}

/** The candidate budget of the fallback (what Meilisearch's stage one brought before issue #15's cuts). */
const NEAR_LIMIT = 50;
const PILOT_LIMIT = 80;
const TEXT_LIMIT = 200;

function nearestActivities(p: MatchParticipant, db: Db): number[] {
  return db
    .all<{ id: number }>(
      sql`select a.id from activities a where ${activityHardFilter(p)}
          order by (a.municipality = ${p.municipality}) desc, a.id limit ${NEAR_LIMIT}`,
    )
    .map((r) => r.id);
}

function pilotCandidates(p: MatchParticipant, db: Db): number[] {
  if (!p.wantsPilot) return [];
  const keys = p.interestKeys.length > 0 ? p.interestKeys : [""];
  return db
    .all<{ id: number }>(
      sql`select id from pilots
          -- pilot-rules.ts isPilotAvailable, as SQL
          where accepting_mentees = 1 and active_mentees < capacity
            and (${onlyTrainedPilots(db) ? 0 : 1} = 1 or training_status = 'trained')
            and exists (select 1 from json_each(languages) where value in (${inList(p.languages)}))
            and municipality in (${inList(reachableMunicipalities(p))})
          order by exists (select 1 from json_each(interest_keys) where value in (${inList(keys)})) desc,
                   (municipality = ${p.municipality}) desc, id
          limit ${PILOT_LIMIT}`,
    )
    .map((r) => r.id);
}

export function retrieveWithLike(
  p: MatchParticipant,
  matcher: InterestMatcher,
  db: Db,
): Candidates {
  const forms = searchForms(p, matcher);
  const text =
    forms.length === 0
      ? []
      : db
          .all<{ id: number }>(
            sql`select a.id from activities a where ${activityHardFilter(p)} and (${sql.join(
              forms.map((f) => sql`a.search_text like ${`%${f}%`}`),
              sql` or `,
            )}) limit ${TEXT_LIMIT}`,
          )
          .map((r) => r.id);
  return {
    activityIds: [...new Set([...text, ...nearestActivities(p, db)])],
    pilotIds: pilotCandidates(p, db),
  };
}

/** A connection-local FTS5 index over the stored search text (temp schema: nothing in the database file). */
export function ensureActivityFts(db: Db) {
  const exists = db.$client
    .prepare("select 1 from temp.sqlite_master where name = 'activity_fts'")
    .get();
  if (exists) return;
  db.$client.exec(
    `create virtual table temp.activity_fts using fts5(search_text, tokenize = 'unicode61 remove_diacritics 0');
     insert into temp.activity_fts(rowid, search_text) select id, search_text from main.activities;`,
  );
}

const ftsToken = (t: string) => `"${t.replace(/"/g, '""')}"`;

export function retrieveWithFts(p: MatchParticipant, matcher: InterestMatcher, db: Db): Candidates {
  ensureActivityFts(db);
  const forms = searchForms(p, matcher);
  const query = forms
    .map((f) => {
      const words = f.split(" ").filter(Boolean);
      return words.length > 1 ? words.map(ftsToken).join(" ") : `${ftsToken(words[0]!)}*`;
    })
    .map((q) => `(${q})`)
    .join(" OR ");
  const text =
    query === ""
      ? []
      : db
          .all<{ id: number }>(
            sql`select a.id from temp.activity_fts join activities a on a.id = activity_fts.rowid
                where activity_fts match ${query} and ${activityHardFilter(p)}
                order by activity_fts.rank limit ${TEXT_LIMIT}`,
          )
          .map((r) => r.id);
  return {
    activityIds: [...new Set([...text, ...nearestActivities(p, db)])],
    pilotIds: pilotCandidates(p, db),
  };
}
