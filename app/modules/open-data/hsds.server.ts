import { and, asc, count, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { activities, organizations } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import type { Lang } from "#app/infra/i18n/i18n.ts";
import { foldText } from "../interests/normalize.ts";
import {
  distanceKm,
  findMunicipalityByPostcode,
  listMunicipalities,
} from "../places/municipalities.server.ts";
import {
  organizationId,
  organizationObject,
  serviceAtLocationId,
  serviceAtLocationListObject,
  serviceAtLocationObject,
  serviceId,
  serviceListObject,
  serviceObject,
  type ActivityRecord,
  type OrganizationRecord,
} from "./hsds-map.server.ts";
import {
  DetailQuerySchema,
  OrganizationsQuerySchema,
  ServiceAtLocationsQuerySchema,
  ServicesQuerySchema,
  TaxonomiesQuerySchema,
  TaxonomyTermsQuerySchema,
  type OrganizationsQuery,
  type ServiceAtLocationsQuery,
  type ServicesQuery,
} from "./hsds-schema.ts";
import { hsdsOpenApi } from "./hsds-openapi.ts";
import {
  ALL_TERMS,
  findTaxonomy,
  findTerm,
  taxonomyObject,
  TAXONOMIES,
  termObject,
  type TaxonomyKey,
} from "./hsds-taxonomy.ts";

/** The HSDS version this API follows, as its `/` answers. */
export const HSDS_VERSION = "3.0";
/** Core HSDS 3.0 (no profile changes its schemas), as published by Open Referral. */
export const HSDS_PROFILE = "https://github.com/openreferral/specification/tree/3.0/schema";

export type HsdsAnswer = {
  status: 200 | 400 | 404;
  body: unknown;
};

const notFound = (what: string): HsdsAnswer => ({
  status: 404,
  body: { error: "not_found", message: `No ${what} with this id.` },
});

/** A query string as an object; a parameter given twice is an error rather than a guess. */
function parseQuery<S extends z.ZodType>(
  schema: S,
  params: URLSearchParams,
): { ok: true; data: z.infer<S> } | { ok: false; answer: HsdsAnswer } {
  const raw: Record<string, string> = {};
  const fieldErrors: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in raw) fieldErrors[key] = "given more than once";
    raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) fieldErrors[key] = "not a parameter of this endpoint";
      } else fieldErrors[String(issue.path[0] ?? "query")] ??= issue.message;
    }
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) {
    return {
      ok: false,
      answer: {
        status: 400,
        body: { error: "bad_request", message: "Check the query parameters.", fieldErrors },
      },
    };
  }
  return { ok: true, data: parsed.data };
}

/** HSDS's page object around one page of results. */
function page<T>(contents: T[], total: number, q: { page: number; per_page: number }) {
  const totalPages = Math.ceil(total / q.per_page);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: q.page,
    size: contents.length,
    first_page: q.page === 1,
    last_page: q.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

// ---------------------------------------------------------------------------
// Ids: UUIDs are derived from refs (stable-ids.ts) and cannot be turned back,
// so each process keeps a map from id to ref. Refs never change once a row
// exists, so the map only grows: a miss reads the rows added since the last
// look (one indexed query) and hashes only those.

type IdIndex = {
  maxActivityId: number;
  maxOrganizationId: number;
  activityRefs: Map<string, string>;
  organizationRefs: Map<string, string>;
};
const indexes = new WeakMap<Db["$client"], IdIndex>();

function idIndex(db: Db): IdIndex {
  let index = indexes.get(db.$client);
  if (!index) {
    index = {
      maxActivityId: 0,
      maxOrganizationId: 0,
      activityRefs: new Map(),
      organizationRefs: new Map(),
    };
    indexes.set(db.$client, index);
  }
  return index;
}

function refreshIndex(db: Db, index: IdIndex) {
  for (const row of db
    .select({ id: activities.id, ref: activities.ref })
    .from(activities)
    .where(sql`${activities.id} > ${index.maxActivityId}`)
    .all()) {
    index.activityRefs.set(serviceId(row.ref), row.ref);
    index.activityRefs.set(serviceAtLocationId(row.ref), row.ref);
    index.maxActivityId = Math.max(index.maxActivityId, row.id);
  }
  for (const row of db
    .select({ id: organizations.id, ref: organizations.ref })
    .from(organizations)
    .where(sql`${organizations.id} > ${index.maxOrganizationId}`)
    .all()) {
    index.organizationRefs.set(organizationId(row.ref), row.ref);
    index.maxOrganizationId = Math.max(index.maxOrganizationId, row.id);
  }
}

function refFor(db: Db, kind: "activity" | "organization", id: string) {
  const index = idIndex(db);
  const map = kind === "activity" ? index.activityRefs : index.organizationRefs;
  if (!map.has(id)) refreshIndex(db, index);
  return map.get(id);
}

// ---------------------------------------------------------------------------
// Queries: a list is one count and one page query (organizations joined),
// whatever the page size; nothing is read per item.

const organizationColumns = {
  ref: organizations.ref,
  name: organizations.name,
  municipality: organizations.municipality,
  description: organizations.description,
  website: organizations.website,
};

type ActivityWithOrg = { activity: ActivityRecord; org: OrganizationRecord };

function selectActivities(db: Db, where: SQL | undefined, limit?: number, offset?: number) {
  let query = db
    .select({ activity: activities, org: organizationColumns })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(where)
    .orderBy(asc(activities.id))
    .$dynamic();
  if (limit != null) query = query.limit(limit).offset(offset ?? 0);
  return query.all() as ActivityWithOrg[];
}

function countActivities(db: Db, where: SQL | undefined) {
  return db
    .select({ n: count() })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .where(where)
    .get()!.n;
}

const NONE = sql`0`;

function activityFilters(db: Db, q: ServicesQuery | ServiceAtLocationsQuery): SQL | undefined {
  const where: SQL[] = [eq(activities.status, "open")];
  if (q.search) {
    for (const word of foldText(q.search).split(" ").filter(Boolean)) {
      where.push(sql`${activities.searchText} like ${`%${word}%`}`);
    }
  }
  if (q.taxonomy_term_id) {
    const term = findTerm(q.taxonomy_term_id);
    if (!term) where.push(NONE);
    else if (term.taxonomy === "kind") where.push(eq(activities.kind, term.code));
    else where.push(sql`json_extract(${activities.threshold}, ${`$.${term.code}`}) = 1`);
  }
  if (q.taxonomy_id) {
    const taxonomy = findTaxonomy(q.taxonomy_id);
    if (!taxonomy) where.push(NONE);
    // Every activity has a kind; a threshold term only when one is marked.
    // (Flags are stored only when true, so "any flag" is "not the empty object"; an
    // EXISTS over json_each here would meet the OFFSET problem noted at hasOpenActivity.)
    else if (taxonomy === "threshold") where.push(sql`${activities.threshold} <> '{}'`);
  }
  if (q.organization_id) {
    const ref = refFor(db, "organization", q.organization_id);
    where.push(ref ? eq(organizations.ref, ref) : NONE);
  }
  if (q.modified_after) where.push(gte(activities.updatedAt, new Date(q.modified_after)));
  if ("postcode" in q && q.postcode) {
    const place = findMunicipalityByPostcode(q.postcode);
    if (!place) where.push(NONE);
    else if (q.proximity == null) where.push(eq(activities.municipality, place.fi));
    else {
      // By municipality centre: where an activity is, Luotsi knows to its municipality.
      const near = listMunicipalities()
        .filter((m) => distanceKm(place, m) * 1000 <= q.proximity!)
        .map((m) => m.fi);
      where.push(near.length > 0 ? inArray(activities.municipality, near) : NONE);
    }
  }
  return and(...where);
}

function findOpenActivity(db: Db, id: string) {
  const ref = refFor(db, "activity", id);
  if (!ref) return undefined;
  return selectActivities(db, and(eq(activities.ref, ref), eq(activities.status, "open")))[0];
}

// IN rather than a correlated EXISTS: SQLite 3.53 turns such an EXISTS into a join and
// then miscounts OFFSET (page 2 starts too early). Table names written out: drizzle leaves
// columns unqualified in one-table queries.
const hasOpenActivity = sql`"organizations"."id" in (select organization_id from activities where status = 'open')`;

// ---------------------------------------------------------------------------
// Endpoints

/** A page of open activities as HSDS objects: the services and service_at_locations lists. */
function listActivities<Q extends ServicesQuery | ServiceAtLocationsQuery>(
  db: Db,
  params: URLSearchParams,
  schema: z.ZodType<Q>,
  toItem: (row: ActivityWithOrg, q: Q, now: Date) => unknown,
): HsdsAnswer {
  const parsed = parseQuery(schema, params);
  if (!parsed.ok) return parsed.answer;
  const q = parsed.data;
  const where = activityFilters(db, q);
  const total = countActivities(db, where);
  const rows = selectActivities(db, where, q.per_page, (q.page - 1) * q.per_page);
  const now = new Date();
  return {
    status: 200,
    body: page(
      rows.map((row) => toItem(row, q, now)),
      total,
      q,
    ),
  };
}

/** One open activity as an HSDS object, found by the id `idOf` gives it. */
function getActivity(
  db: Db,
  id: string,
  params: URLSearchParams,
  what: string,
  idOf: (ref: string) => string,
  toBody: (row: ActivityWithOrg, lang: Lang) => unknown,
): HsdsAnswer {
  const parsed = parseQuery(DetailQuerySchema, params);
  if (!parsed.ok) return parsed.answer;
  const row = findOpenActivity(db, id);
  if (!row || idOf(row.activity.ref) !== id) return notFound(what);
  return { status: 200, body: toBody(row, parsed.data.lang) };
}

const listServices = (db: Db, params: URLSearchParams) =>
  listActivities(db, params, ServicesQuerySchema, ({ activity, org }, q, now) => {
    if (q.minimal) {
      const s = serviceListObject(activity, org, q.lang);
      return { id: s.id, name: s.name, status: s.status, last_modified: s.last_modified };
    }
    return q.full
      ? serviceObject(activity, org, q.lang, now)
      : serviceListObject(activity, org, q.lang);
  });

const getService = (db: Db, id: string, params: URLSearchParams) =>
  getActivity(db, id, params, "service", serviceId, ({ activity, org }, lang) =>
    serviceObject(activity, org, lang),
  );

const listServiceAtLocations = (db: Db, params: URLSearchParams) =>
  listActivities(db, params, ServiceAtLocationsQuerySchema, ({ activity, org }, q, now) =>
    q.full
      ? serviceAtLocationObject(activity, org, q.lang, now)
      : serviceAtLocationListObject(activity, org, q.lang),
  );

const getServiceAtLocation = (db: Db, id: string, params: URLSearchParams) =>
  getActivity(
    db,
    id,
    params,
    "service_at_location",
    serviceAtLocationId,
    ({ activity, org }, lang) => serviceAtLocationObject(activity, org, lang),
  );

/** The organizations' services, all pages' worth in one query. */
function servicesByOrganization(db: Db, refs: string[]) {
  const byOrg = new Map<string, ActivityWithOrg[]>();
  if (refs.length === 0) return byOrg;
  for (const row of selectActivities(
    db,
    and(eq(activities.status, "open"), inArray(organizations.ref, refs)),
  )) {
    const list = byOrg.get(row.org.ref) ?? [];
    list.push(row);
    byOrg.set(row.org.ref, list);
  }
  return byOrg;
}

function organizationWithServices(
  org: OrganizationRecord,
  services: ActivityWithOrg[],
  full: boolean,
  lang: Lang,
) {
  const now = new Date();
  return {
    ...organizationObject(org, lang),
    services: services.map(({ activity }) => {
      const { organization: _org, ...service } = full
        ? serviceObject(activity, org, lang, now)
        : serviceListObject(activity, org, lang);
      return service;
    }),
  };
}

function listOrganizations(db: Db, params: URLSearchParams): HsdsAnswer {
  const parsed = parseQuery(OrganizationsQuerySchema, params);
  if (!parsed.ok) return parsed.answer;
  const q: OrganizationsQuery = parsed.data;
  const where = and(
    hasOpenActivity,
    q.search
      ? sql`${organizations.name} like ${`%${likeEscape(q.search)}%`} escape '\\'`
      : undefined,
  );
  const total = db.select({ n: count() }).from(organizations).where(where).get()!.n;
  const rows = db
    .select(organizationColumns)
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.id))
    .limit(q.per_page)
    .offset((q.page - 1) * q.per_page)
    .all();
  const nested = q.full || q.full_service;
  const services = nested
    ? servicesByOrganization(
        db,
        rows.map((r) => r.ref),
      )
    : undefined;
  const contents = rows.map((org) =>
    services
      ? organizationWithServices(org, services.get(org.ref) ?? [], q.full_service === true, q.lang)
      : organizationObject(org, q.lang),
  );
  return { status: 200, body: page(contents, total, q) };
}

function getOrganization(db: Db, id: string, params: URLSearchParams): HsdsAnswer {
  const parsed = parseQuery(
    OrganizationsQuerySchema.pick({ lang: true, format: true, full_service: true }).strict(),
    params,
  );
  if (!parsed.ok) return parsed.answer;
  const ref = refFor(db, "organization", id);
  const org = ref
    ? db
        .select(organizationColumns)
        .from(organizations)
        .where(and(eq(organizations.ref, ref), hasOpenActivity))
        .get()
    : undefined;
  if (!org) return notFound("organization");
  const services = servicesByOrganization(db, [org.ref]).get(org.ref) ?? [];
  return {
    status: 200,
    body: organizationWithServices(
      org,
      services,
      parsed.data.full_service === true,
      parsed.data.lang,
    ),
  };
}

function listTaxonomies(params: URLSearchParams): HsdsAnswer {
  const parsed = parseQuery(TaxonomiesQuerySchema, params);
  if (!parsed.ok) return parsed.answer;
  const q = parsed.data;
  const all = (Object.keys(TAXONOMIES) as TaxonomyKey[])
    .map((k) => taxonomyObject(k, q.lang, absoluteUrl))
    .filter((t) => matches(q.search, t.name, t.description));
  return pageOf(all, q);
}

function getTaxonomy(id: string, params: URLSearchParams): HsdsAnswer {
  const parsed = parseQuery(DetailQuerySchema, params);
  if (!parsed.ok) return parsed.answer;
  const key = findTaxonomy(id);
  if (!key) return notFound("taxonomy");
  return { status: 200, body: taxonomyObject(key, parsed.data.lang, absoluteUrl) };
}

function listTaxonomyTerms(params: URLSearchParams): HsdsAnswer {
  const parsed = parseQuery(TaxonomyTermsQuerySchema, params);
  if (!parsed.ok) return parsed.answer;
  const q = parsed.data;
  const terms = ALL_TERMS.map((t) => termObject(t, q.lang, absoluteUrl)).filter(
    (t) =>
      (!q.taxonomy_id || t.taxonomy_id === q.taxonomy_id) &&
      // Both taxonomies are flat: no term has a parent, and none has children.
      !q.parent_id &&
      matches(q.search, t.name, t.description, t.code),
  );
  return pageOf(terms, q);
}

function getTaxonomyTerm(id: string, params: URLSearchParams): HsdsAnswer {
  const parsed = parseQuery(DetailQuerySchema, params);
  if (!parsed.ok) return parsed.answer;
  const term = findTerm(id);
  if (!term) return notFound("taxonomy_term");
  return { status: 200, body: termObject(term, parsed.data.lang, absoluteUrl) };
}

/** A user's text inside LIKE matches itself only: `%` and `_` lose their meaning. */
function likeEscape(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function matches(search: string | undefined, ...texts: string[]) {
  if (!search) return true;
  const words = foldText(search).split(" ").filter(Boolean);
  const haystack = foldText(texts.join(" "));
  return words.every((w) => haystack.includes(w));
}

function pageOf<T>(all: T[], q: { page: number; per_page: number }): HsdsAnswer {
  const start = (q.page - 1) * q.per_page;
  return { status: 200, body: page(all.slice(start, start + q.per_page), all.length, q) };
}

function metadata(params: URLSearchParams): HsdsAnswer {
  const parsed = parseQuery(DetailQuerySchema, params);
  if (!parsed.ok) return parsed.answer;
  return {
    status: 200,
    body: {
      version: HSDS_VERSION,
      profile: HSDS_PROFILE,
      openapi_url: absoluteUrl("/api/hsds/openapi.json"),
    },
  };
}

const ENDPOINTS: Record<string, (db: Db, params: URLSearchParams, id?: string) => HsdsAnswer> = {
  "": (_db, params) => metadata(params),
  "openapi.json": () => ({ status: 200, body: hsdsOpenApi(absoluteUrl("/api/hsds")) }),
  services: (db, params, id) => (id ? getService(db, id, params) : listServices(db, params)),
  service_at_locations: (db, params, id) =>
    id ? getServiceAtLocation(db, id, params) : listServiceAtLocations(db, params),
  organizations: (db, params, id) =>
    id ? getOrganization(db, id, params) : listOrganizations(db, params),
  taxonomies: (_db, params, id) => (id ? getTaxonomy(id, params) : listTaxonomies(params)),
  taxonomy_terms: (_db, params, id) =>
    id ? getTaxonomyTerm(id, params) : listTaxonomyTerms(params),
};

/**
 * One request to the HSDS API: `path` is what follows `/api/hsds/`
 * (`services`, `services/{id}`, …). Unknown paths and ids are 404, bad
 * query parameters 400, both with a JSON body saying why.
 */
export function answerHsdsRequest(
  path: string,
  params: URLSearchParams,
  db: Db = getDb(),
): HsdsAnswer {
  const segments = path.split("/").filter(Boolean);
  const [collection = "", id, ...rest] = segments;
  const endpoint = Object.hasOwn(ENDPOINTS, collection) ? ENDPOINTS[collection] : undefined;
  if (
    !endpoint ||
    rest.length > 0 ||
    (id && (collection === "" || collection === "openapi.json"))
  ) {
    return { status: 404, body: { error: "not_found", message: "No such endpoint." } };
  }
  if (id !== undefined && !isUuidLike(id)) return notFound(collection.replace(/s$/, ""));
  return endpoint(db, params, id?.toLowerCase());
}

/** Every id this API hands out is a UUID; anything else cannot name a record. */
function isUuidLike(id: string) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
