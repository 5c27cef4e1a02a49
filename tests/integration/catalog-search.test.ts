import { beforeAll, describe, expect, it } from "vitest";
import { getDb, writeTransaction } from "#app/infra/db.server.ts";
import { getMeili, indexUid } from "#app/infra/meili.server.ts";
import { searchCatalogInIndex } from "#app/modules/catalog/activity-search.server.ts";
import {
  getActivityByRef,
  saveActivity,
  searchCatalogInDatabase,
} from "#app/modules/catalog/catalog.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { loader as catalogLoader } from "#app/routes/_index.tsx";
import { loader as activityLoader } from "#app/routes/activities.$ref.tsx";
import { loader as icalLoader } from "#app/routes/activities.$ref.ical.tsx";
import {
  BASE,
  activityFields,
  createActivity,
  createOrganization,
  prepareDatabase,
  system,
} from "../factories/index.ts";

const query = (q: Partial<Parameters<typeof searchCatalogInIndex>[0]> = {}) => ({
  page: 1,
  pageSize: 50,
  ...q,
});

let parikkala: { id: number; ref: string };
let fishing: { id: number; ref: string };

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
  parikkala = createOrganization({ name: "SaimaanVirta ry", municipality: "Parikkala" });
  const vaasa = createOrganization({ name: "Framåt rf", municipality: "Vaasa" });
  fishing = createActivity(parikkala.id, { title: "Kalastuskerho" });
  createActivity(parikkala.id, {
    title: "Kuntosaliryhmä aloittelijoille",
    description: "Ohjattu vuoro, ei tarvitse osata mitään.",
    interests: ["kuntosali"],
    kind: "sport",
    threshold: { accessible: true },
    schedule: [{ weekday: 1, start: "16:00", end: "17:30" }],
  });
  createActivity(vaasa.id, {
    title: "Innebandy för alla",
    description: "Lätt innebandy utan tävlingar.",
    interests: ["innebandy"],
    kind: "sport",
    municipality: "Vasa",
    languages: ["sv"],
    threshold: { free: true },
    minAge: 15,
    maxAge: 29,
  });
  createActivity(parikkala.id, {
    ref: "act-closed-fishing",
    title: "Vanha onkiporukka",
    status: "closed",
  });
  createActivity(parikkala.id, {
    ref: "act-paused-fishing",
    title: "Pilkkiretki",
    interests: ["pilkkiminen"],
    status: "paused",
  });
  const result = await drainOutbox();
  expect(result.error).toBeUndefined();
});

describe("public catalog search on the real Meilisearch", () => {
  it("finds a published activity", async () => {
    const r = await searchCatalogInIndex(query({ q: "kalastus" }));
    expect(r.source).toBe("search");
    expect(r.hits.map((h) => h.ref)).toContain(fishing.ref);
  });

  it.each(["kalastuksesta", "kalastamaan", "fiske", "fishing", "kalastaa"])(
    "finds the fishing club for the query %s",
    async (q) => {
      const r = await searchCatalogInIndex(query({ q }));
      expect(r.hits.map((h) => h.title)).toContain("Kalastuskerho");
    },
  );

  it.each(["salitreeni", "gym", "kuntosalille"])("finds the gym group for %s", async (q) => {
    const r = await searchCatalogInIndex(query({ q }));
    expect(r.hits.map((h) => h.title)).toContain("Kuntosaliryhmä aloittelijoille");
  });

  it("filters by municipality (Swedish name too), kind, language, flags, weekday and age", async () => {
    const inVaasa = await searchCatalogInIndex(query({ municipality: "Vasa" }));
    expect(inVaasa.hits.map((h) => h.title)).toEqual(["Innebandy för alla"]);
    const sports = await searchCatalogInIndex(query({ kind: "sport" }));
    expect(sports.hits.every((h) => h.kind === "sport")).toBe(true);
    const swedish = await searchCatalogInIndex(query({ language: "sv" }));
    expect(swedish.hits.map((h) => h.title)).toEqual(["Innebandy för alla"]);
    const freeDropIn = await searchCatalogInIndex(query({ flags: ["free", "dropIn"] }));
    expect(freeDropIn.hits.map((h) => h.title)).toEqual(["Kalastuskerho"]);
    const monday = await searchCatalogInIndex(query({ weekdays: [1] }));
    expect(monday.hits.map((h) => h.title)).toEqual(["Kuntosaliryhmä aloittelijoille"]);
    const forty = await searchCatalogInIndex(query({ age: 40 }));
    expect(forty.hits.map((h) => h.title)).not.toContain("Innebandy för alla");
    const twenty = await searchCatalogInIndex(query({ age: 20, municipality: "Vaasa" }));
    expect(twenty.hits.map((h) => h.title)).toContain("Innebandy för alla");
  });

  it("counts facets", async () => {
    const r = await searchCatalogInIndex(query({}));
    expect(r.facets.kind.sport).toBe(2);
    expect(r.facets.municipality.Parikkala).toBe(2);
  });

  it("sorts by distance from a place", async () => {
    const r = await searchCatalogInIndex(query({ near: "Vaasa" }));
    expect(r.hits[0]?.title).toBe("Innebandy för alla");
    expect(r.hits[0]?.distanceKm).toBeLessThan(5);
    expect(r.nearPlace).toBe("Vaasa");
  });

  it("never shows closed or paused activities publicly", async () => {
    const all = await searchCatalogInIndex(query({}));
    const titles = all.hits.map((h) => h.title);
    expect(titles).not.toContain("Vanha onkiporukka");
    expect(titles).not.toContain("Pilkkiretki");
    await expect(
      activityLoader({
        request: new Request(`${BASE}/activities/act-closed-fishing`),
        params: { ref: "act-closed-fishing" },
        context: {},
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("drops a document that is stale in the index but closed in SQLite", async () => {
    const db = getDb();
    // Close without draining: the index still says open.
    writeTransaction((tx) =>
      saveActivity(tx, system, {
        ref: fishing.ref,
        organizationId: parikkala.id,
        fields: activityFields({ status: "closed" }),
      }),
    );
    const r = await searchCatalogInIndex(query({ q: "kalastus" }));
    expect(r.hits.map((h) => h.ref)).not.toContain(fishing.ref);
    writeTransaction((tx) =>
      saveActivity(tx, system, {
        ref: fishing.ref,
        organizationId: parikkala.id,
        fields: activityFields(),
      }),
    );
    await drainOutbox({ db });
  });

  it("pause removes an activity from search within one drain", async () => {
    const temp = createActivity(parikkala.id, {
      title: "Sienestysretki",
      interests: ["sienestys"],
    });
    await drainOutbox();
    expect(
      (await searchCatalogInIndex(query({ q: "sienestys" }))).hits.map((h) => h.ref),
    ).toContain(temp.ref);
    writeTransaction((tx) =>
      saveActivity(tx, system, {
        ref: temp.ref,
        organizationId: parikkala.id,
        fields: activityFields({
          title: "Sienestysretki",
          interests: ["sienestys"],
          status: "paused",
        }),
      }),
    );
    await drainOutbox();
    const doc = await getMeili()!.index(indexUid("activities")).getDocument(temp.id);
    expect(doc.status).toBe("paused");
    expect((await searchCatalogInIndex(query({ q: "sienestys" }))).hits).toHaveLength(0);
  });
});

describe("SQLite fallback", () => {
  it("answers the same kinds of queries without Meilisearch", () => {
    const r = searchCatalogInDatabase(query({ q: "kalastuksesta", flags: ["free"] }));
    expect(r.source).toBe("database");
    expect(r.hits.map((h) => h.title)).toEqual(["Kalastuskerho"]);
    expect(searchCatalogInDatabase(query({ q: "fiske" })).hits.map((h) => h.title)).toContain(
      "Kalastuskerho",
    );
    expect(
      searchCatalogInDatabase(query({ municipality: "Vasa" })).hits.map((h) => h.title),
    ).toEqual(["Innebandy för alla"]);
    expect(searchCatalogInDatabase(query({})).hits.map((h) => h.title)).not.toContain(
      "Vanha onkiporukka",
    );
  });
});

describe("catalog routes", () => {
  it("renders results and rejects malformed filters with field errors, not 500", async () => {
    const ok = (await catalogLoader({
      request: new Request(`${BASE}/?q=kalastus&municipality=Parikkala`),
      params: {},
      context: {},
    })) as Response;
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.page.result.hits[0].title).toBe("Kalastuskerho");
    for (const bad of [
      "age=abc",
      "age=-4",
      "weekday=9",
      "kind=party",
      "flag=hacker",
      "page=0",
      `q=${"x".repeat(300)}`,
    ]) {
      const res = (await catalogLoader({
        request: new Request(`${BASE}/?${bad}`),
        params: {},
        context: {},
      })) as Response;
      expect(res.status, bad).toBe(400);
      expect(Object.keys((await res.json()).fieldErrors).length, bad).toBeGreaterThan(0);
    }
  });

  it("serves an activity page with JSON-LD and an iCal file", async () => {
    const data = await activityLoader({
      request: new Request(`${BASE}/activities/${fishing.ref}`),
      params: { ref: fishing.ref },
      context: {},
    });
    expect(data.activity.title).toBe("Kalastuskerho");
    expect(JSON.parse(data.jsonLd!)["@type"]).toBe("Event");
    const ics = (await icalLoader({
      request: new Request(`${BASE}/activities/${fishing.ref}/ical`),
      params: { ref: fishing.ref },
      context: {},
    })) as Response;
    const text = await ics.text();
    expect(ics.headers.get("Content-Type")).toContain("text/calendar");
    expect(text).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU");
    expect(text).toContain("SUMMARY:Kalastuskerho");
    expect(getActivityByRef(fishing.ref)?.status).toBe("open");
  });

  it("answers 404 for unknown activities", async () => {
    await expect(
      activityLoader({
        request: new Request(`${BASE}/activities/nope`),
        params: { ref: "nope" },
        context: {},
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
