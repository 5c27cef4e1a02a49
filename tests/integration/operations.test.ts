import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { readBundledMeili } from "#app/infra/meili.server.ts";
import { saveActivity } from "#app/modules/catalog/catalog.server.ts";
import type { Health } from "#app/modules/health/health.server.ts";
import { importData } from "#app/modules/import/import.server.ts";
import { seedVocabulary } from "#app/modules/interests/interests.server.ts";
import { getOrganizationByRef } from "#app/modules/organizations/organizations.server.ts";
import { isProcessAlive } from "../../scripts/lib/meili-process.ts";
import { activityFields, system } from "../factories/index.ts";
import { startLuotsi, type LuotsiProcess } from "./app-process.ts";

/**
 * What an operator meets in the first week, on the real `npm start` with
 * its own bundled Meilisearch: a database whose search index is gone, a
 * search server that dies while the app runs, and the health endpoint a
 * load balancer calls.
 */
const dataDir = path.join(getEnv().dataDir, "operations");
const sample = JSON.parse(fs.readFileSync("examples/import-sample.json", "utf8")) as {
  activities: { ref: string; status: string }[];
};
const openRefs = sample.activities.filter((a) => a.status === "open").map((a) => a.ref);
let db: Db;
let app: LuotsiProcess | undefined;

type CatalogData = {
  page: { result: { source: string; total: number; hits: { ref: string }[] } } | null;
};

async function catalog(query = "") {
  const res = await fetch(`${app!.url}/?_data=routes%2F_index${query}`);
  if (res.status !== 200)
    throw new Error(`catalog ${res.status}: ${await res.text()}\n${app!.output()}`);
  const { page } = (await res.json()) as CatalogData;
  if (!page) throw new Error(`catalog answered without a page\n${app!.output()}`);
  return page.result;
}

/** GET /healthz with any Host header, as a load balancer calling by address would send it. */
function health(host = "203.0.113.7") {
  return new Promise<{ status: number; body: Health; type: string | undefined }>(
    (resolve, reject) => {
      const req = http.get(`${app!.url}/healthz`, { headers: { Host: host } }, (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => {
          try {
            resolve({
              status: res.statusCode!,
              body: JSON.parse(text) as Health,
              type: res.headers["content-type"],
            });
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on("error", reject);
    },
  );
}

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean) {
  const deadline = Date.now() + 150_000;
  let last: T | undefined;
  for (;;) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch (e) {
      last = e as T;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: gave up; last ${JSON.stringify(last)}\n${app?.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  // A database with the sample's data whose index was lost: no outbox rows
  // left to bring the activities to a new, empty Meilisearch.
  fs.mkdirSync(dataDir, { recursive: true });
  db = openDatabase(path.join(dataDir, "luotsi.db"));
  migrateDatabase(db);
  seedVocabulary(db);
  const imported = importData(
    JSON.parse(fs.readFileSync("examples/import-sample.json", "utf8")),
    system,
    db,
  );
  expect(imported.ok).toBe(true);
  db.$client.exec("delete from search_outbox");
  app = await startLuotsi({
    DATA_DIR: dataDir,
    DATABASE_PATH: undefined,
    MEILI_URL: undefined,
    MEILI_MASTER_KEY: undefined,
    MEILI_INDEX_PREFIX: "ops_",
    WEB_CONCURRENCY: "1",
    OUTBOX_INTERVAL_MS: "50",
  });
}, 240_000);

afterAll(async () => {
  const meiliPid = readBundledMeili(dataDir)?.pid;
  await app?.stop();
  // Whatever happened, no Meilisearch of this test outlives it.
  if (meiliPid && isProcessAlive(meiliPid)) process.kill(meiliPid, "SIGKILL");
  db?.$client.close();
}, 60_000);

describe("npm start on a database whose search index is gone", () => {
  it("lists no demo accounts when the database holds no demo data", () => {
    expect(app!.output()).not.toContain("demo accounts");
    expect(app!.output()).not.toContain("luotsi-demo-2026");
  }, 240_000);

  it("the catalog lists every open activity, from SQLite until the rebuilt index is ready, then from the index", async () => {
    const first = await catalog();
    // Never "0 activities": whichever answers, every open activity is there.
    expect(first.total).toBe(openRefs.length);
    const ready = await until(
      "the index rebuilt in the background",
      () => catalog(),
      (r) => r.source === "search",
    );
    expect(ready.total).toBe(openRefs.length);
    expect(ready.hits.map((h) => h.ref).sort()).toEqual([...openRefs].sort());
    expect(app!.output()).toMatch(/rebuilding the search index in the background/);
  }, 240_000);
});

describe("GET /healthz", () => {
  it("answers JSON on any host name: SQLite, Meilisearch and the outbox, nothing personal", async () => {
    const h = await until(
      "a healthy app",
      () => health(),
      (r) => r.body.status === "ok",
    );
    expect(h.status).toBe(200);
    expect(h.type).toMatch(/^application\/json/);
    expect(h.body).toMatchObject({
      status: "ok",
      sqlite: { ok: true },
      meilisearch: { ok: true, indexes: "ready" },
      outbox: { pending: 0, oldestAgeSeconds: null },
    });
    for (const host of ["evil.example", "localhost:1", "[::1]"])
      expect((await health(host)).status, host).toBe(200);
    const text = JSON.stringify(h.body);
    for (const personal of ["p-sample", "Savonlinna", "@", "org-sample"])
      expect(text).not.toContain(personal);
  }, 240_000);
});

describe("the bundled Meilisearch dies while the app runs", () => {
  it("is restarted with a logged backoff, and the writes made meanwhile reach the index", async () => {
    const killed = readBundledMeili(dataDir)!.pid!;
    expect(isProcessAlive(killed)).toBe(true);
    process.kill(killed, "SIGKILL");
    // A staff member's edit while the search server is down: saved, waiting in the outbox.
    const org = getOrganizationByRef("org-sample-kylatalo", db)!;
    writeTransaction(
      (tx) =>
        saveActivity(tx, system, {
          ref: "act-ops-new",
          organizationId: org.id,
          fields: activityFields({
            title: "Sienestysretki",
            interests: ["sienestys"],
            municipality: "Savonlinna",
          }),
        }),
      db,
    );
    await app!.waitFor(
      /Meilisearch \(pid \d+\) stopped unexpectedly \(SIGKILL\); restarting it in/,
    );
    await app!.waitFor(/Meilisearch is running again/);
    expect(readBundledMeili(dataDir)!.pid).not.toBe(killed);
    // The whole catalog fits one page: the edit is listed once the index has it.
    const found = await until(
      "the edit in the index",
      () => catalog(),
      (r) => r.source === "search" && r.hits.some((h) => h.ref === "act-ops-new"),
    );
    expect(found.total).toBe(openRefs.length + 1);
    const h = await until(
      "the outbox drained",
      () => health(),
      (r) => r.body.outbox.pending === 0 && r.body.status === "ok",
    );
    expect(h.body.meilisearch).toEqual({ ok: true, indexes: "ready" });
  }, 240_000);
});
