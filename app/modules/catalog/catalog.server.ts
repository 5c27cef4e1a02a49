import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  activities,
  organizations,
  THRESHOLD_FLAGS,
  type ActivityKind,
  type ThresholdFlag,
} from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { diffChanges, recordAudit, type Actor } from "../audit/audit.server.ts";
import { compactFlags } from "../common/common-schema.ts";
import { getInterestMatcher, expandInterestText } from "../interests/interests.server.ts";
import { foldText, type InterestMatcher } from "../interests/normalize.ts";
import { distanceKm, findMunicipality, findPlace } from "../places/municipalities.server.ts";
import type { ActivityFields } from "./activity-schema.ts";

export type ActivityRow = typeof activities.$inferSelect;
export type ActivityWithOrganization = ActivityRow & {
  organizationName: string;
  organizationRef: string;
};

/** The values stored for an activity, derived from its contract fields. */
export function activityValues(fields: ActivityFields, matcher: InterestMatcher) {
  const municipality = findMunicipality(fields.municipality);
  if (!municipality) throw new Error(`unknown municipality ${fields.municipality}`);
  const interests = fields.interests ?? [];
  const normalized = matcher.normalize([...interests, fields.title]);
  const keys = normalized.keys;
  return {
    title: fields.title,
    description: fields.description ?? null,
    interests,
    interestKeys: keys,
    kind: fields.kind,
    municipality: municipality.fi,
    address: fields.location?.address ?? null,
    lat: fields.location?.lat ?? null,
    lon: fields.location?.lon ?? null,
    languages: fields.languages ?? ["fi"],
    schedule: (fields.schedule ?? [])
      .slice()
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    threshold: compactFlags(fields.threshold),
    minAge: fields.minAge ?? null,
    maxAge: fields.maxAge ?? null,
    capacity: fields.capacity ?? null,
    enrolled: fields.enrolled ?? 0,
    status: fields.status,
    searchText: foldText(
      [
        fields.title,
        fields.description ?? "",
        interests.join(" "),
        expandInterestText(matcher, keys),
      ].join(" "),
    ),
  };
}

export type SaveResult = { id: number; created: boolean; changed: boolean };

/**
 * Creates or replaces an activity; audit row and outbox row go in the same
 * transaction as the change, so the index and the log cannot miss it.
 */
export function saveActivity(
  db: Db,
  actor: Actor,
  input: {
    ref: string;
    organizationId: number;
    fields: ActivityFields;
    lastCheckedAt?: Date | null;
  },
  matcher: InterestMatcher = getInterestMatcher(db),
): SaveResult {
  const values = { ...activityValues(input.fields, matcher), organizationId: input.organizationId };
  const before = db.select().from(activities).where(eq(activities.ref, input.ref)).get();
  if (!before) {
    const row = db
      .insert(activities)
      .values({ ...values, ref: input.ref, lastCheckedAt: input.lastCheckedAt ?? new Date() })
      .returning({ id: activities.id })
      .get();
    enqueueIndexChange(db, "activity", row.id);
    recordAudit(db, actor, {
      action: "activity.create",
      entityType: "activity",
      entityId: input.ref,
      organizationId: input.organizationId,
      changes: diffChanges(undefined, values),
    });
    return { id: row.id, created: true, changed: true };
  }
  const changes = diffChanges(before as unknown as Record<string, unknown>, values);
  const derivedChanged =
    JSON.stringify(before.interestKeys) !== JSON.stringify(values.interestKeys) ||
    before.searchText !== values.searchText;
  if (Object.keys(changes).length === 0 && !derivedChanged) {
    return { id: before.id, created: false, changed: false };
  }
  db.update(activities)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(activities.id, before.id))
    .run();
  enqueueIndexChange(db, "activity", before.id);
  if (Object.keys(changes).length > 0) {
    recordAudit(db, actor, {
      action:
        changes.status && Object.keys(changes).length === 1 ? "activity.status" : "activity.update",
      entityType: "activity",
      entityId: input.ref,
      organizationId: input.organizationId,
      changes,
    });
  }
  return { id: before.id, created: false, changed: Object.keys(changes).length > 0 };
}

/** Activities with their organization's name and ref, in title order. */
function selectActivitiesWithOrganization(
  db: Db,
  where: SQL | undefined,
): ActivityWithOrganization[] {
  return db
    .select({
      activity: activities,
      organizationName: organizations.name,
      organizationRef: organizations.ref,
    })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(where)
    .orderBy(asc(activities.title))
    .all()
    .map((r) => ({
      ...r.activity,
      organizationName: r.organizationName,
      organizationRef: r.organizationRef,
    }));
}

export function getActivityByRef(
  ref: string,
  db: Db = getDb(),
): ActivityWithOrganization | undefined {
  return selectActivitiesWithOrganization(db, eq(activities.ref, ref))[0];
}

export function getActivitiesByIds(ids: number[], db: Db = getDb()): ActivityWithOrganization[] {
  if (ids.length === 0) return [];
  return selectActivitiesWithOrganization(db, inArray(activities.id, ids));
}

export function isFull(a: Pick<ActivityRow, "capacity" | "enrolled">) {
  return a.capacity != null && a.enrolled >= a.capacity;
}

export function freePlaces(a: Pick<ActivityRow, "capacity" | "enrolled">) {
  return a.capacity == null ? null : Math.max(0, a.capacity - a.enrolled);
}

/** Where an activity is: its own coordinates, or its municipality's centre. */
export function activityPoint(a: Pick<ActivityRow, "lat" | "lon" | "municipality">) {
  if (a.lat != null && a.lon != null) return { lat: a.lat, lon: a.lon };
  const m = findMunicipality(a.municipality);
  return m ? { lat: m.lat, lon: m.lon } : undefined;
}

/**
 * Where a map puts an activity: its own point, else its municipality's
 * centre (`exact` false); nothing for an online activity without a place.
 */
export function activityMapPoint(
  a: Pick<ActivityRow, "lat" | "lon" | "municipality" | "threshold">,
): { lat: number; lon: number; exact: boolean } | null {
  if (a.lat != null && a.lon != null) return { lat: a.lat, lon: a.lon, exact: true };
  if (a.threshold.online) return null;
  const centre = activityPoint(a);
  return centre ? { ...centre, exact: false } : null;
}

export type CatalogQuery = {
  q?: string;
  municipality?: string;
  kind?: ActivityKind;
  language?: string;
  weekday?: number;
  flags?: ThresholdFlag[];
  age?: number;
  near?: string;
  page: number;
  pageSize: number;
};

export type CatalogFacets = {
  kind: Record<string, number>;
  municipality: Record<string, number>;
  languages: Record<string, number>;
};

export type CatalogResult = {
  hits: (ActivityWithOrganization & { distanceKm?: number })[];
  total: number;
  page: number;
  pageCount: number;
  facets: CatalogFacets;
  source: "search" | "database";
  nearPlace?: string;
  expandedQuery?: string;
};

/** The query as the index should see it: each interest word replaced by its concept's Finnish label. */
export function expandQuery(q: string | undefined, matcher: InterestMatcher) {
  if (!q?.trim()) return { text: "", keys: [] as string[], unknown: [] as string[] };
  const normalized = matcher.normalize(q);
  // Concept labels as phrases: documents carry every form of their concepts,
  // and a phrase skips Meilisearch's synonym expansion, which costs ~10 ms a
  // word with the vocabulary's synonyms (docs/benchmarks.md). Unknown words
  // stay plain words, keeping typo tolerance for what a visitor mistyped.
  const labels = normalized.keys.map(
    (k) => `"${foldText(matcher.label(k, "fi")).replace(/"/g, "")}"`,
  );
  return {
    text: [...labels, ...normalized.unknown].join(" "),
    keys: normalized.keys,
    unknown: normalized.unknown,
  };
}

/**
 * The fallback when Meilisearch cannot be reached: the same filters in SQL and
 * a LIKE per query concept over the stored search text. Less precise (no
 * typo tolerance or ranking) but never an error page.
 */
export function searchCatalogInDatabase(query: CatalogQuery, db: Db = getDb()): CatalogResult {
  const matcher = getInterestMatcher(db);
  const where: SQL[] = [eq(activities.status, "open")];
  if (query.municipality) {
    const m = findMunicipality(query.municipality);
    where.push(eq(activities.municipality, m?.fi ?? query.municipality));
  }
  if (query.kind) where.push(eq(activities.kind, query.kind));
  if (query.language) {
    where.push(
      sql`exists (select 1 from json_each(${activities.languages}) where value = ${query.language})`,
    );
  }
  if (query.weekday) {
    where.push(
      sql`exists (select 1 from json_each(${activities.schedule}) where json_extract(value, '$.weekday') = ${query.weekday})`,
    );
  }
  for (const flag of query.flags ?? []) {
    if (!THRESHOLD_FLAGS.includes(flag)) continue;
    where.push(sql`json_extract(${activities.threshold}, ${"$." + flag}) = 1`);
  }
  if (query.age != null) {
    where.push(sql`(${activities.minAge} is null or ${activities.minAge} <= ${query.age})`);
    where.push(sql`(${activities.maxAge} is null or ${activities.maxAge} >= ${query.age})`);
  }
  if (query.q?.trim()) {
    const normalized = matcher.normalize(query.q);
    for (const key of normalized.keys) {
      const forms = matcher.formsOf(key);
      where.push(
        sql`(${sql.join(
          forms.map((f) => sql`${activities.searchText} like ${"%" + f + "%"}`),
          sql` or `,
        )})`,
      );
    }
    for (const word of normalized.unknown) {
      where.push(sql`${activities.searchText} like ${"%" + word + "%"}`);
    }
  }
  const rows = selectActivitiesWithOrganization(db, and(...where));
  const facets: CatalogFacets = { kind: {}, municipality: {}, languages: {} };
  for (const r of rows) {
    facets.kind[r.kind] = (facets.kind[r.kind] ?? 0) + 1;
    facets.municipality[r.municipality] = (facets.municipality[r.municipality] ?? 0) + 1;
    for (const l of r.languages) facets.languages[l] = (facets.languages[l] ?? 0) + 1;
  }
  const place = query.near ? findPlace(query.near) : undefined;
  let hits: CatalogResult["hits"] = rows;
  if (place) {
    hits = hits
      .map((r) => {
        const p = activityPoint(r);
        return { ...r, distanceKm: p ? distanceKm(place, p) : undefined };
      })
      .sort((a, b) => (a.distanceKm ?? 1e9) - (b.distanceKm ?? 1e9));
  }
  const total = hits.length;
  const start = (query.page - 1) * query.pageSize;
  return {
    hits: hits.slice(start, start + query.pageSize),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    facets,
    source: "database",
    nearPlace: place?.fi,
  };
}

export function listOrganizationActivities(organizationId: number, db: Db = getDb()) {
  return db
    .select()
    .from(activities)
    .where(eq(activities.organizationId, organizationId))
    .orderBy(asc(activities.title))
    .all();
}

export { writeTransaction };

/**
 * The municipalities that have open activities: the catalog's filter lists
 * these (a list of all 300+ would mostly lead to empty results; any place can
 * still be typed into "near").
 */
export function listCatalogMunicipalities(db: Db = getDb()): string[] {
  return db
    .selectDistinct({ municipality: activities.municipality })
    .from(activities)
    .where(eq(activities.status, "open"))
    .orderBy(asc(activities.municipality))
    .all()
    .map((r) => r.municipality);
}
