import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities } from "#db/schema.ts";
import { getDb, writeTransaction } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { createMeiliClient, indexUid } from "#app/infra/meili.server.ts";
import { countOutbox, enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { saveActivity } from "#app/modules/catalog/catalog.server.ts";
import { reindexAll } from "#app/modules/search/reindex.server.ts";
import { drainOutboxOnce, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { startBundledMeili, type BundledMeili } from "../../scripts/lib/meili-process.ts";
import { activityFields, createOrganization, prepareDatabase, system } from "../factories/index.ts";

/** This file runs its own Meilisearch so that it can kill it. */
let meili: BundledMeili;
let meiliDir: string;
let client: Meilisearch;
let org: { id: number; ref: string };

beforeAll(async () => {
  prepareDatabase();
  meiliDir = path.join(getEnv().dataDir, "own-meili");
  meili = await startBundledMeili({ dataDir: meiliDir, record: false });
  client = createMeiliClient({ url: meili.url, key: meili.key }, 2_000);
  await ensureIndexes(client);
  org = createOrganization();
}, 60_000);

afterAll(async () => {
  await meili?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const liveIndex = () => client.index(indexUid("activities"));

function save(ref: string, title: string, status: "open" | "closed" = "open") {
  return writeTransaction((tx) =>
    saveActivity(tx, system, {
      ref,
      organizationId: org.id,
      fields: activityFields({ title, status, interests: ["kalastus"] }),
    }),
  );
}

/** The drainer as the app runs it: keeps trying, whatever Meilisearch does. */
function startDrainer() {
  let stop = false;
  let passes = 0;
  let errors = 0;
  const done = (async () => {
    while (!stop) {
      try {
        const r = await drainOutboxOnce({ client, batchSize: 100 });
        passes++;
        if (r.error) {
          errors++;
          await sleep(50);
        } else if (!r.remaining) await sleep(10);
      } catch {
        errors++;
        await sleep(50);
      }
    }
  })();
  return {
    stop: async () => {
      stop = true;
      await done;
      return { passes, errors };
    },
  };
}

async function allDocuments() {
  const docs: { id: number; title: string; status: string; updatedAt: number }[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await liveIndex().getDocuments<(typeof docs)[number]>({
      offset,
      limit: 1000,
      fields: ["id", "title", "status", "updatedAt"],
    });
    docs.push(...page.results);
    if (page.results.length < 1000) return docs;
  }
}

async function compareWithSqlite() {
  const rows = getDb().select().from(activities).all();
  const docs = new Map((await allDocuments()).map((d) => [d.id, d]));
  const ids = new Set(rows.map((r) => r.id));
  const missing = rows.filter((r) => !docs.has(r.id)).map((r) => r.ref);
  const stale = rows
    .filter((r) => docs.has(r.id))
    .filter((r) => {
      const d = docs.get(r.id)!;
      return d.title !== r.title || d.status !== r.status || d.updatedAt !== r.updatedAt.getTime();
    })
    .map((r) => r.ref);
  const resurrected = [...docs.keys()].filter((id) => !ids.has(id));
  return { rows: rows.length, docs: docs.size, missing, stale, resurrected };
}

async function drainUntilEmpty(timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (countOutbox(getDb()) > 0) {
    if (Date.now() > deadline) throw new Error(`outbox not empty: ${countOutbox(getDb())}`);
    await drainOutboxOnce({ client, batchSize: 500 });
    await sleep(20);
  }
}

describe("Meilisearch killed (SIGKILL) during a sync of 1,000 changes", () => {
  it("ends with 0 missing, 0 stale and 0 resurrected-deleted documents", async () => {
    // 400 activities already in the index.
    const base: string[] = [];
    for (let i = 0; i < 400; i++) {
      base.push(`act-fault-${i}`);
      save(`act-fault-${i}`, `Ryhmä ${i}`);
    }
    await drainUntilEmpty();
    expect((await compareWithSqlite()).missing).toEqual([]);

    const drainer = startDrainer();
    const port = Number(new URL(meili.url).port);
    let killedAt = -1;
    let restartedAt = -1;
    for (let change = 0; change < 1000; change++) {
      const kind = change % 5;
      if (kind === 0 || kind === 1) {
        save(`act-fault-new-${change}`, `Uusi ryhmä ${change}`);
      } else if (kind === 2 || kind === 3) {
        const ref = base[(change * 7) % base.length]!;
        if (getDb().select().from(activities).where(eq(activities.ref, ref)).get())
          save(ref, `Päivitetty ${ref} muutos ${change}`);
        else save(`act-fault-late-${change}`, `Myöhäinen ${change}`);
      } else {
        // Deletes (half) and closes (half) of existing activities.
        const ref = base.pop()!;
        const row = getDb().select().from(activities).where(eq(activities.ref, ref)).get()!;
        if (change % 10 === 4) {
          writeTransaction((tx) => {
            tx.delete(activities).where(eq(activities.id, row.id)).run();
            enqueueIndexChange(tx, "activity", row.id);
          });
        } else {
          save(ref, row.title, "closed");
        }
      }
      if (change === 400) {
        killedAt = change;
        meili.child.kill("SIGKILL");
        await new Promise((r) => meili.child.once("exit", r));
      }
      if (change === 750) {
        restartedAt = change;
        meili = await startBundledMeili({ dataDir: meiliDir, record: false, port });
      }
      // Let the drainer run between writes, as requests would.
      if (change % 10 === 0) await sleep(2);
    }
    expect([killedAt, restartedAt]).toEqual([400, 750]);
    const { errors } = await drainer.stop();
    expect(errors, "the drainer saw Meilisearch down").toBeGreaterThan(0);
    await drainUntilEmpty();
    const result = await compareWithSqlite();
    expect(result.missing).toEqual([]);
    expect(result.stale).toEqual([]);
    expect(result.resurrected).toEqual([]);
    expect(result.docs).toBe(result.rows);
    expect(result.rows).toBeGreaterThanOrEqual(700);
    console.info(
      `faults: sync of 1000 changes, SIGKILL at 400, restart at 750: ${JSON.stringify({ ...result, missing: result.missing.length, stale: result.stale.length, resurrected: result.resurrected.length, drainerErrors: errors })}`,
    );
  }, 180_000);
});

describe("full reindex by index swap", () => {
  it("never shows searchers an empty or half index", async () => {
    await drainUntilEmpty();
    const expected = getDb().select().from(activities).all().length;
    let stop = false;
    let searches = 0;
    const empties: number[] = [];
    // The searcher asks what the index holds, not how fast: on a loaded machine a
    // search during a swap may take longer than the short timeout the kill test needs.
    const patient = createMeiliClient({ url: meili.url, key: meili.key }, 60_000);
    const searchedIndex = () => patient.index(indexUid("activities"));
    const searcher = (async () => {
      while (!stop) {
        const r = await searchedIndex().search("", { limit: 1 });
        searches++;
        if (r.estimatedTotalHits === undefined || r.estimatedTotalHits < expected)
          empties.push(r.estimatedTotalHits ?? -1);
        const q = await searchedIndex().search("ryhmä", { limit: 1 });
        if (q.hits.length === 0) empties.push(0);
      }
    })();
    for (let round = 0; round < 2; round++) await reindexAll(client, { batchSize: 100 });
    stop = true;
    await searcher;
    console.info(
      `faults: 2 full reindexes, ${searches} concurrent search pairs, ${empties.length} empty or short`,
    );
    expect(searches).toBeGreaterThan(20);
    expect(empties).toEqual([]);
    const after = await compareWithSqlite();
    expect([after.missing, after.stale, after.resurrected]).toEqual([[], [], []]);
  }, 180_000);
});

describe("concurrent writers", () => {
  it("BEGIN IMMEDIATE with a busy timeout: 0 SQLITE_BUSY surfaced, 0 rows lost", async () => {
    const WRITERS = 4;
    const EACH = 300;
    const script = path.join(getEnv().dataDir, "writer.ts");
    const root = process.cwd();
    fs.writeFileSync(
      script,
      `
      import { openDatabase, writeTransaction } from "${root}/app/infra/db.server.ts";
      const db = openDatabase(process.env.DB_FILE!);
      const name = process.argv[2];
      let busy = 0;
      let other = 0;
      for (let i = 0; i < ${EACH}; i++) {
        try {
          writeTransaction(() => {
            // Read, then write on what was read: a lost update would show as a duplicate.
            // (The transaction runs on db's one connection.)
            const last = db.$client
              .prepare("select coalesce(max(at), 0) from rate_limit_hits where bucket = 'counter'")
              .pluck()
              .get() as number;
            db.$client.prepare("insert into rate_limit_hits (bucket, at) values ('counter', ?)").run(last + 1);
            db.$client.prepare("insert into rate_limit_hits (bucket, at) values (?, ?)").run(name, i);
          }, db);
        } catch (e) {
          if ((e as { code?: string }).code?.startsWith("SQLITE_BUSY")) busy++;
          else {
            other++;
            if (other === 1) console.error(e);
          }
        }
      }
      console.log(JSON.stringify({ name, busy, other }));
      `,
    );
    const run = (name: string) =>
      new Promise<{ name: string; busy: number; other: number }>((resolve, reject) => {
        const child = spawn(path.resolve("node_modules/.bin/tsx"), [script, name], {
          env: { ...process.env, DB_FILE: getEnv().databasePath },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.once("exit", (code) =>
          code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`${code}: ${err}`)),
        );
      });
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, k) => run(`writer-${k}`)),
    );
    for (const r of results) expect(r).toMatchObject({ busy: 0, other: 0 });
    const db = getDb().$client;
    for (let k = 0; k < WRITERS; k++) {
      expect(
        db
          .prepare("select count(*) from rate_limit_hits where bucket = ?")
          .pluck()
          .get(`writer-${k}`),
      ).toBe(EACH);
    }
    const counter = db
      .prepare("select at from rate_limit_hits where bucket = 'counter' order by at")
      .pluck()
      .all() as number[];
    expect(counter).toEqual(Array.from({ length: WRITERS * EACH }, (_, i) => i + 1));
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    console.info(
      `faults: ${WRITERS} writer processes x ${EACH} transactions: ${results.reduce((n, r) => n + r.busy, 0)} SQLITE_BUSY, ${WRITERS * EACH - counter.length} lost`,
    );
  }, 120_000);
});
