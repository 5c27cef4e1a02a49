import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { CatalogSearchSchema } from "#app/modules/catalog/catalog-search-schema.ts";
import {
  resolveSearch,
  searchCatalogPage,
  toCatalogQuery,
} from "#app/modules/catalog/catalog-search.server.ts";
import { getActivityByRef, searchCatalogInDatabase } from "#app/modules/catalog/catalog.server.ts";
import { understandQuery } from "#app/modules/catalog/query-understanding.ts";
import { getPlaceNames } from "#app/modules/places/municipalities.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { loader as catalogLoader } from "#app/routes/_index.tsx";
import { seedDemoData } from "#db/seed.ts";
import { BASE, prepareDatabase } from "../factories/index.ts";

/**
 * Every search in issue #13's first paragraph, on the demo data (the catalog
 * a new user sees) and the real Meilisearch, through the page's loader.
 */

type Page = {
  page: {
    result: {
      total: number;
      hits: { ref: string; title: string; municipality: string; nearby?: boolean }[];
      placeScope?: string[];
      source: string;
    };
    effective: Record<string, unknown>;
    chips: { type: string; href: string; label?: string }[];
    recovery: {
      didYouMean?: { text: string; href: string };
      alternatives: { type: string; href: string; count: number }[];
      places: { word: string; municipality: string }[];
    };
  };
};

async function catalog(query: string, headers: Record<string, string> = {}) {
  const res = (await catalogLoader({
    request: new Request(`${BASE}/?${query}`, { headers }),
    params: {},
    context: {},
  })) as Response;
  expect(res.status, query).toBe(200);
  return { res, data: (await res.json()) as Page };
}
const q = (text: string) => catalog(`q=${encodeURIComponent(text)}`);

type Demo = {
  ref: string;
  municipality: string;
  status: string;
  languages: string[];
  schedule: { weekday: number }[];
  threshold: Record<string, boolean>;
};
let open: Demo[];

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
  await seedDemoData(getDb(), { password: "a-demo-password-1" });
  expect((await drainOutbox()).error).toBeUndefined();
  const fs = await import("node:fs");
  const demo = JSON.parse(fs.readFileSync("db/seed-data/demo.json", "utf8")) as {
    activities: Demo[];
  };
  open = demo.activities
    .filter((a) => a.status === "open")
    .map((a) => ({
      ...a,
      schedule: a.schedule ?? [],
      threshold: a.threshold ?? {},
      languages: a.languages ?? ["fi"],
    }));
}, 180_000);

describe("issue #13: the searches people actually type", () => {
  it("/?q=Savonlinna lists Savonlinna's 12 activities, not bird watching in Parikkala", async () => {
    const { data } = await q("Savonlinna");
    const expected = open.filter((a) => a.municipality === "Savonlinna").map((a) => a.ref);
    expect(expected).toHaveLength(12);
    const own = data.page.result.hits.filter((h) => !h.nearby);
    expect(data.page.result.total).toBeGreaterThanOrEqual(12);
    expect(own.map((h) => h.ref).sort()).toEqual(expected.slice().sort().slice(0, own.length));
    expect(data.page.result.hits.slice(0, 12).every((h) => h.municipality === "Savonlinna")).toBe(
      true,
    );
    expect(data.page.chips.map((c) => c.type)).toEqual(["place"]);
    expect(data.page.result.hits.map((h) => h.title)).not.toContain(
      "Lintuja katsomassa Siikalahdella",
    );
  });

  it("kalastus Parikkala keeps Parikkala: its fishing first, then neighbours within 30 km, never Vaasa", async () => {
    const { data } = await q("kalastus Parikkala");
    const hits = data.page.result.hits;
    expect(hits[0]?.ref).toBe("act-parikkala-kalaretki");
    expect(hits.every((h) => h.municipality === "Parikkala" || h.nearby)).toBe(true);
    expect(hits.map((h) => h.municipality)).not.toContain("Vaasa");
    expect(data.page.result.placeScope?.[0]).toBe("Parikkala");
    expect(data.page.chips.map((c) => c.type)).toEqual(["interest", "place"]);
  });

  it("plain kalastus ranks the Parikkala fishing trip above the Swedish-language outing", async () => {
    const { data } = await q("kalastus");
    const refs = data.page.result.hits.map((h) => h.ref);
    const parikkala = refs.indexOf("act-parikkala-kalaretki");
    const swedish = data.page.result.hits.findIndex((h) => h.title === "Fisketur i skärgården");
    expect(parikkala).toBeGreaterThanOrEqual(0);
    expect(parikkala).toBeLessThan(3);
    expect(parikkala).toBeLessThan(swedish);
  });

  it("ilmainen is the free filter", async () => {
    const { data } = await q("ilmainen");
    const free = open.filter((a) => a.threshold.free);
    expect(data.page.result.total).toBe(free.length);
    expect(data.page.effective.flags).toEqual(["free"]);
    for (const h of data.page.result.hits)
      expect(getActivityByRef(h.ref)?.threshold.free).toBe(true);
  });

  it("tiistai finds Tuesday's activities, not the word", async () => {
    const { data } = await q("tiistai");
    const tuesday = open.filter((a) => a.schedule.some((s) => s.weekday === 2));
    expect(data.page.result.total).toBe(tuesday.length);
    expect(data.page.effective.weekdays).toEqual([2]);
  });

  it("englanniksi finds all 6 English-language activities", async () => {
    const { data } = await q("englanniksi");
    const english = open.filter((a) => a.languages.includes("en")).map((a) => a.ref);
    expect(english).toHaveLength(6);
    expect(data.page.result.hits.map((h) => h.ref).sort()).toEqual(english.sort());
  });

  it("a typo gets 'Tarkoititko: kalastus?'", async () => {
    for (const typo of ["kalsatus", "kalstaus"]) {
      const { data } = await q(typo);
      expect(data.page.recovery.didYouMean?.text, typo).toContain("kalastus");
      const fixed = new URL(data.page.recovery.didYouMean!.href, BASE);
      const followed = await catalog(fixed.search.slice(1));
      expect(followed.data.page.result.total, typo).toBeGreaterThan(0);
    }
  });

  it("a search with a place and a day shows both as chips, and removing one widens the results", async () => {
    const { data } = await q("kalastus Savonlinnassa tiistaisin");
    expect(data.page.chips.map((c) => c.type)).toEqual(["interest", "place", "weekdays"]);
    const withoutDay = data.page.chips.find((c) => c.type === "weekdays")!;
    const wider = await catalog(new URL(withoutDay.href, BASE).search.slice(1));
    expect(wider.data.page.result.total).toBeGreaterThan(data.page.result.total);
    expect(wider.data.page.chips.map((c) => c.type)).toEqual(["interest", "place"]);
  });
});

describe("recovery with fewer than three results", () => {
  it("offers nearby municipalities, other days and dropping a filter, each with its true count", async () => {
    const { data } = await q("kalastus Savonlinnassa tiistaisin");
    expect(data.page.result.total).toBeLessThan(3);
    const alternatives = data.page.recovery.alternatives;
    expect(alternatives.map((a) => a.type)).toEqual(expect.arrayContaining(["weekday", "without"]));
    for (const alt of alternatives) {
      const followed = await catalog(new URL(alt.href, BASE).search.slice(1));
      expect(followed.data.page.result.total, alt.href).toBe(alt.count);
      expect(alt.count).toBeGreaterThan(data.page.result.total);
    }
  });

  it("offers the same search in a nearby municipality", async () => {
    const { data } = await q("kalastus Parikkala");
    const places = data.page.recovery.alternatives.filter((a) => a.type === "place");
    expect(places.length).toBeGreaterThan(0);
  });

  it("computes no counts when there are enough results", async () => {
    const { data } = await q("kalastus");
    expect(data.page.recovery.alternatives).toEqual([]);
  });

  it("offers an ambiguous place word as a place", async () => {
    const { data } = await q("koski");
    expect(data.page.recovery.places).toEqual([
      expect.objectContaining({ word: "koski", municipality: "Koski Tl" }),
    ]);
  });
});

describe("the form and the remembered place", () => {
  it("puts understood filters into the form's fields and keeps the words left over", async () => {
    const { data } = await q("ilmainen kuntosali Parikkalassa maanantaisin");
    expect(data.page.effective).toMatchObject({
      q: "kuntosali",
      municipality: "Parikkala",
      weekdays: [1],
      flags: ["free"],
    });
  });

  it("lets a typed place win over the place field, and adds typed days to the chosen ones", async () => {
    const { data } = await catalog("q=Vaasa+torstaina&municipality=Parikkala&weekday=2");
    expect(data.page.effective).toMatchObject({ municipality: "Vaasa", weekdays: [2, 4] });
  });

  it("remembers the searched place and lists nearby activities first on the next empty search", async () => {
    const { res } = await q("Rautjärvi");
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toContain("luotsi_place=Rautj%C3%A4rvi");
    const { data } = await catalog("", { Cookie: cookie.split(";")[0]! });
    expect(data.page.chips[0]).toMatchObject({ type: "near" });
    const first = data.page.result.hits.slice(0, 3).map((h) => h.municipality);
    expect(first.every((m) => ["Rautjärvi", "Parikkala"].includes(m))).toBe(true);
  });

  it("rejects malformed days and age groups with field errors", async () => {
    for (const bad of ["weekday=8", "part=night", "for=toddlers"]) {
      const res = (await catalogLoader({
        request: new Request(`${BASE}/?${bad}`),
        params: {},
        context: {},
      })) as Response;
      expect(res.status, bad).toBe(400);
    }
  });
});

describe("the SQLite fallback applies the same understood filters", () => {
  it.each([
    "kalastus Parikkala",
    "ilmainen",
    "tiistai",
    "englanniksi",
    "Savonlinna",
    "nuorille kurssi",
    "Vasa på kvällen",
  ])("%s", async (text) => {
    const search = CatalogSearchSchema.parse({ q: text, weekdays: [], dayParts: [], flags: [] });
    const effective = resolveSearch(search, understandQuery(text, getPlaceNames()));
    const fromIndex = await searchCatalogPage(search, { lang: "fi" });
    const fromDb = searchCatalogInDatabase(toCatalogQuery(effective, 200));
    expect(fromDb.source).toBe("database");
    expect(fromDb.placeScope).toEqual(fromIndex.result.placeScope);
    const dbRefs = fromDb.hits.map((h) => h.ref);
    if (!effective.q) {
      // Filters only: the same activities.
      expect(fromDb.total, text).toBe(fromIndex.result.total);
    }
    // Text matching differs (LIKE has no ranking or typos), the understood filters do not.
    for (const h of fromIndex.result.hits) expect(dbRefs, text).toContain(h.ref);
    if (fromDb.placeScope) {
      expect(fromDb.hits.every((h) => fromDb.placeScope!.includes(h.municipality))).toBe(true);
      expect(fromDb.hits[0]?.municipality).toBe(fromDb.placeScope[0]);
    }
  });
});
