import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { activities, organizations } from "#db/schema.ts";
import type { ActivityKind } from "./activity-schema.ts";
import { THRESHOLD_FLAGS, type ThresholdFlag } from "../common/common-schema.ts";
import {
  getDb,
  idList,
  inIdList,
  preparedOnce,
  writeTransaction,
  type Db,
} from "#app/infra/db.server.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { readPublicContentVersion } from "#app/infra/page-cache.server.ts";
import { diffChanges, recordAudit, type Actor } from "../audit/audit.server.ts";
import { compactFlags } from "../common/common-schema.ts";
import { getInterestMatcher, expandInterestText } from "../interests/interests.server.ts";
import { foldText, type InterestMatcher } from "../interests/normalize.ts";
import {
  findMunicipality,
  findPlace,
  nearbyMunicipalities,
  villagesInAddress,
} from "../places/municipalities.server.ts";
import {
  AGE_GROUP_RANGES,
  scheduleSlots,
  wantedSlots,
  type AgeGroup,
  type DayPart,
} from "./query-understanding.ts";
import { distanceKm } from "../places/geo.ts";
import { isFull } from "./activity-rules.ts";
import type { ActivityFields } from "./activity-schema.ts";

export type ActivityRow = typeof activities.$inferSelect;
export type ActivityWithOrganization = ActivityRow & {
  organizationName: string;
  organizationRef: string;
};

/** The contract fields of a stored activity, for re-saving with one change. */
export function activityFieldsOf(a: ActivityRow): ActivityFields {
  return {
    title: a.title,
    description: a.description,
    plainDescription: a.plainDescription,
    contentLanguage: a.contentLanguage,
    interests: a.interests,
    kind: a.kind,
    municipality: a.municipality,
    location:
      a.address != null || a.lat != null ? { address: a.address, lat: a.lat, lon: a.lon } : null,
    languages: a.languages,
    schedule: a.schedule,
    threshold: a.threshold,
    minAge: a.minAge,
    maxAge: a.maxAge,
    capacity: a.capacity,
    enrolled: a.enrolled,
    status: a.status,
    howToJoin: a.howToJoin,
    contact: activityContactOf(a),
  };
}

/** An activity's contact person as the contract has it: none without a phone or an email. */
export function activityContactOf(
  a: Pick<ActivityRow, "contactName" | "contactPhone" | "contactEmail">,
): ActivityFields["contact"] {
  return a.contactPhone || a.contactEmail
    ? { name: a.contactName, phone: a.contactPhone, email: a.contactEmail }
    : null;
}

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
    plainDescription: fields.plainDescription || null,
    contentLanguage: fields.contentLanguage ?? "fi",
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
    howToJoin: fields.howToJoin || null,
    contactName: fields.contact?.name || null,
    contactPhone: fields.contact?.phone || null,
    contactEmail: fields.contact?.email || null,
    searchText: foldText(
      [
        fields.title,
        fields.description ?? "",
        fields.plainDescription ?? "",
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
function activitiesWithOrganization(db: Db) {
  return db
    .select({
      activity: activities,
      organizationName: organizations.name,
      organizationRef: organizations.ref,
    })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId));
}

type ActivityJoinRow = {
  activity: ActivityRow;
  organizationName: string;
  organizationRef: string;
};
const withOrganization = (r: ActivityJoinRow): ActivityWithOrganization => ({
  ...r.activity,
  organizationName: r.organizationName,
  organizationRef: r.organizationRef,
});

function selectActivitiesWithOrganization(
  db: Db,
  where: SQL | undefined,
): ActivityWithOrganization[] {
  return activitiesWithOrganization(db)
    .where(where)
    .orderBy(asc(activities.title))
    .all()
    .map(withOrganization);
}

export function getActivityByRef(
  ref: string,
  db: Db = getDb(),
): ActivityWithOrganization | undefined {
  return selectActivitiesWithOrganization(db, eq(activities.ref, ref))[0];
}

export function getActivitiesByIds(ids: number[], db: Db = getDb()): ActivityWithOrganization[] {
  if (ids.length === 0) return [];
  // Prepared once: the matcher and the catalog page call this on every request.
  const byIds = preparedOnce(db, "activitiesByIds", () =>
    activitiesWithOrganization(db)
      .where(inIdList(activities.id))
      .orderBy(asc(activities.title))
      .prepare(),
  );
  return byIds.all({ ids: idList(ids) }).map(withOrganization);
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
  /** Words left after query understanding: interests and free text. */
  q?: string;
  /** The place: its activities first, then those of municipalities within NEARBY_KM. */
  municipality?: string;
  /** A village or district of the place: activities whose address names it come first. */
  village?: string;
  kind?: ActivityKind;
  language?: string;
  /** Any of these weekdays. */
  weekdays?: number[];
  /** Any of these parts of the day (on one of the weekdays, when both are given). */
  dayParts?: DayPart[];
  flags?: ThresholdFlag[];
  age?: number;
  ageGroup?: AgeGroup;
  /** Sorts by distance from this place (a municipality or a postal code) without filtering. */
  near?: string;
  /** The page's language: activities in it come first among equals. */
  lang?: "fi" | "sv" | "en";
  page: number;
  pageSize: number;
};

export type CatalogFacets = {
  kind: Record<string, number>;
  municipality: Record<string, number>;
  languages: Record<string, number>;
};

export type CatalogHit = ActivityWithOrganization & {
  distanceKm?: number;
  /** In a municipality near the searched place, not in it (labelled "lähellä"). */
  nearby?: boolean;
};

export type CatalogResult = {
  hits: CatalogHit[];
  total: number;
  page: number;
  pageCount: number;
  facets: CatalogFacets;
  source: "search" | "database";
  nearPlace?: string;
  /** The searched place and the municipalities within NEARBY_KM that were included, nearest first. */
  placeScope?: string[];
  expandedQuery?: string;
};

/** The searched place and its neighbours, in the order their activities are listed. */
export function placeScope(municipality: string | undefined): string[] | undefined {
  if (!municipality) return undefined;
  const m = findMunicipality(municipality);
  if (!m) return [municipality];
  return [m.fi, ...nearbyMunicipalities(m.fi).map((n) => n.fi)];
}

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
 * The fallback when Meilisearch cannot be reached: the same understood
 * filters in SQL (and the schedule's slots in JavaScript, with the index's
 * own slot function), a LIKE per query concept over the stored search text,
 * and the same order of places. Less precise (no typo tolerance or text
 * ranking) but never an error page.
 */
export function searchCatalogInDatabase(query: CatalogQuery, db: Db = getDb()): CatalogResult {
  const matcher = getInterestMatcher(db);
  const where: SQL[] = [eq(activities.status, "open")];
  const scope = placeScope(query.municipality);
  if (scope) where.push(inArray(activities.municipality, scope));
  if (query.kind) where.push(eq(activities.kind, query.kind));
  if (query.language) {
    where.push(
      sql`exists (select 1 from json_each(${activities.languages}) where value = ${query.language})`,
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
  if (query.ageGroup) {
    const [from, to] = AGE_GROUP_RANGES[query.ageGroup];
    where.push(sql`(${activities.minAge} is null or ${activities.minAge} <= ${to})`);
    where.push(sql`(${activities.maxAge} is null or ${activities.maxAge} >= ${from})`);
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
  const weekdays = query.weekdays ?? [];
  const dayParts = query.dayParts ?? [];
  const slots = wantedSlots(weekdays, dayParts);
  const rows = selectActivitiesWithOrganization(db, and(...where)).filter((r) => {
    if (weekdays.length === 0 && dayParts.length === 0) return true;
    const s = scheduleSlots(r.schedule);
    if (slots.length > 0) return s.slots.some((x) => slots.includes(x));
    if (weekdays.length > 0) return s.weekdays.some((d) => weekdays.includes(d));
    return s.dayParts.some((p) => dayParts.includes(p));
  });
  const facets: CatalogFacets = { kind: {}, municipality: {}, languages: {} };
  for (const r of rows) {
    facets.kind[r.kind] = (facets.kind[r.kind] ?? 0) + 1;
    facets.municipality[r.municipality] = (facets.municipality[r.municipality] ?? 0) + 1;
    for (const l of r.languages) facets.languages[l] = (facets.languages[l] ?? 0) + 1;
  }
  const centre = scope
    ? findMunicipality(scope[0]!)
    : query.near
      ? findPlace(query.near)
      : undefined;
  let hits: CatalogHit[] = rows.map((r) => {
    const p = activityPoint(r);
    return {
      ...r,
      distanceKm: centre && p ? distanceKm(centre, p) : undefined,
      nearby: scope ? r.municipality !== scope[0] : undefined,
    };
  });
  // The same order as the index: place, then neighbours nearest first; open before full.
  const inVillage = (h: CatalogHit) =>
    query.village !== undefined &&
    villagesInAddress(h.address, h.municipality).includes(query.village);
  const bucket = (h: CatalogHit) =>
    scope ? scope.indexOf(h.municipality) * 2 + (inVillage(h) ? 0 : 1) : 0;
  // Made for the age group asked for (as the index's buckets): children ≤ 15, youth ≤ 35, seniors ≥ 55.
  const targeted = (h: CatalogHit) =>
    query.ageGroup === "children"
      ? (h.maxAge ?? 999) <= 15
      : query.ageGroup === "youth"
        ? (h.maxAge ?? 999) <= 35
        : query.ageGroup === "seniors"
          ? (h.minAge ?? 0) >= 55
          : true;
  hits = hits.sort(
    (a, b) =>
      bucket(a) - bucket(b) ||
      Number(!targeted(a)) - Number(!targeted(b)) ||
      Number(isFull(a)) - Number(isFull(b)) ||
      (scope || !centre ? 0 : (a.distanceKm ?? 1e9) - (b.distanceKm ?? 1e9)),
  );
  const total = hits.length;
  const start = (query.page - 1) * query.pageSize;
  return {
    hits: hits.slice(start, start + query.pageSize),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    facets,
    source: "database",
    nearPlace: scope ? undefined : centre?.fi,
    placeScope: scope,
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
  // Asked by every catalog page; scanning every activity each time cost more
  // than the search itself at 100,000 activities. Every change of an
  // activity moves the public content version (its outbox row), so the list
  // is read again only then.
  const version = readPublicContentVersion(db);
  let cached = municipalityLists.get(db);
  if (cached?.version !== version) {
    const names = db
      .selectDistinct({ municipality: activities.municipality })
      .from(activities)
      .where(eq(activities.status, "open"))
      .orderBy(asc(activities.municipality))
      .all()
      .map((r) => r.municipality);
    municipalityLists.set(db, (cached = { version, names }));
  }
  return [...cached.names];
}
const municipalityLists = new WeakMap<Db, { version: string; names: string[] }>();
