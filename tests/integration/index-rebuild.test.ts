import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server.ts";
import {
  forgetIndexReadiness,
  getMeili,
  indexUid,
  markIndexBuilt,
  readIndexState,
} from "#app/infra/meili.server.ts";
import {
  ACTIVITIES_INDEX,
  activityIndexFingerprint,
} from "#app/modules/catalog/activity-search.server.ts";
import { searchCatalog } from "#app/modules/catalog/catalog-search.server.ts";
import { suggestForParticipant } from "#app/modules/matching/matching.server.ts";
import { reindexAll } from "#app/modules/search/reindex.server.ts";
import { drainOutbox, ensureIndexes, findStaleIndexes } from "#app/modules/search/sync.server.ts";
import { startOutboxWorker } from "#app/modules/search/worker.server.ts";
import { importData } from "#app/modules/import/import.server.ts";
import { createActivity, createOrganization, prepareDatabase, system } from "../factories/index.ts";

const client = () => getMeili()!;
const OPEN = 40;
let openRefs: string[];

/** The catalog's first page as an anonymous visitor sees it. */
async function catalog() {
  forgetIndexReadiness();
  const r = await searchCatalog({ page: 1 } as Parameters<typeof searchCatalog>[0]);
  return { source: r.source, total: r.total };
}

/** A database whose activities were indexed once, and a Meilisearch that has since lost everything. */
async function loseTheIndex() {
  for (const uid of [indexUid("activities"), indexUid("pilots"), indexUid("index_state")])
    await client()
      .deleteIndex(uid)
      .waitTask()
      .catch(() => {});
  getDb().$client.exec("delete from search_outbox");
  forgetIndexReadiness();
}

beforeAll(async () => {
  prepareDatabase();
  const org = createOrganization();
  openRefs = [];
  for (let i = 0; i < OPEN; i++) openRefs.push(createActivity(org.id, { title: `Ryhmä ${i}` }).ref);
  createActivity(org.id, { title: "Suljettu ryhmä", status: "closed" });
  const sample = importData(
    {
      participants: [
        {
          ref: "p-rebuild-1",
          organizationRef: "org-rebuild",
          municipality: "Parikkala",
          languages: ["fi"],
          interests: ["kalastus"],
        },
      ],
      organizations: [{ ref: "org-rebuild", name: "Uudelleen ry", municipality: "Parikkala" }],
    },
    system,
  );
  expect(sample.ok).toBe(true);
}, 60_000);

afterAll(() => {
  startOutboxWorker({ intervalMs: 20 }).stop();
});

describe("a Meilisearch without Luotsi's indexes", () => {
  it("a fresh database's new index is complete through the outbox: searches use it at once", async () => {
    const stale = await ensureIndexes(client());
    expect(stale).toEqual([]);
    expect((await drainOutbox()).error).toBeUndefined();
    expect(await catalog()).toEqual({ source: "search", total: OPEN });
  }, 120_000);

  it("an index created empty next to a database that has activities is not used: the catalog answers from SQLite", async () => {
    await loseTheIndex();
    const stale = await ensureIndexes(client());
    // No pilots in SQLite: the new empty pilot index is complete.
    expect(stale).toEqual([{ entity: "activity", reason: "unmarked" }]);
    // Exactly the trap of issue #10: an empty index that says "0 activities".
    expect((await client().index(indexUid("activities")).getStats()).numberOfDocuments).toBe(0);
    expect(await catalog()).toEqual({ source: "database", total: OPEN });
    // Suggestions from a half index would leave out what fits: the matcher says search is unavailable.
    await expect(suggestForParticipant("p-rebuild-1")).rejects.toThrow(/being rebuilt/);

    const rebuilt = await reindexAll(client(), {
      entities: stale.map((s) => s.entity),
      onlyStale: true,
    });
    expect(rebuilt).toEqual(["activity"]);
    expect(await findStaleIndexes(client())).toEqual([]);
    expect(await catalog()).toEqual({ source: "search", total: OPEN });
    await expect(suggestForParticipant("p-rebuild-1")).resolves.toBeDefined();
  }, 120_000);

  it("an index built with older settings or document format is rebuilt, and so is an emptied one", async () => {
    await markIndexBuilt(client(), ACTIVITIES_INDEX, "an-older-version");
    expect(
      (await readIndexState(client(), ACTIVITIES_INDEX, activityIndexFingerprint())).state,
    ).toBe("outdated");
    expect(await findStaleIndexes(client())).toEqual([{ entity: "activity", reason: "outdated" }]);
    expect((await catalog()).source).toBe("database");
    await reindexAll(client(), { entities: ["activity"], onlyStale: true });
    expect(await catalog()).toEqual({ source: "search", total: OPEN });

    await client().index(indexUid("activities")).deleteAllDocuments().waitTask();
    expect(await findStaleIndexes(client())).toEqual([{ entity: "activity", reason: "empty" }]);
    await reindexAll(client(), { entities: ["activity"], onlyStale: true });
    expect(await catalog()).toEqual({ source: "search", total: OPEN });
  }, 120_000);

  it("the app's outbox worker notices a lost index by itself and rebuilds it in the background", async () => {
    await loseTheIndex();
    const said: string[] = [];
    const worker = startOutboxWorker({ intervalMs: 20, onInfo: (m) => said.push(m) });
    try {
      // Meanwhile the catalog never says "0 activities": SQLite answers until the index is ready.
      const seen = new Set<string>();
      const deadline = Date.now() + 120_000;
      for (;;) {
        const c = await catalog();
        expect(c.total).toBe(OPEN);
        seen.add(c.source);
        if (c.source === "search") break;
        if (Date.now() > deadline) throw new Error(`not rebuilt: ${said.join("; ")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(said.join("\n")).toMatch(/rebuilding the search index in the background/);
      await expect
        .poll(() => said.join("\n"), { timeout: 60_000 })
        .toMatch(/search index rebuilt in/);
    } finally {
      worker.stop();
    }
  }, 180_000);
});
