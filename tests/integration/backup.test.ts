import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { backupDatabase, checkIntegrity, restoreDatabase } from "../../scripts/backup.ts";
import { createActivity, createOrganization, prepareDatabase } from "../factories/index.ts";

/**
 * A writer in another thread with its own connection, as the running app
 * would be while an operator takes a backup.
 */
function startWriter(file: string) {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require(workerData.module);
    const db = new Database(workerData.file);
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare("insert into rate_limit_hits (bucket, at) values (?, ?)");
    let stop = false, n = 0;
    parentPort.on("message", () => { stop = true; });
    (function loop() {
      if (stop) { db.close(); parentPort.postMessage(n); return; }
      db.transaction(() => { for (let i = 0; i < 20; i++) insert.run("writer-" + n++, Date.now()); })();
      setImmediate(loop);
    })();
  `;
  const worker = new Worker(code, {
    eval: true,
    workerData: { file, module: path.resolve("node_modules/better-sqlite3") },
  });
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        worker.once("message", (n: number) => resolve(n));
        worker.postMessage("stop");
      }),
  };
}

function snapshot(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => [t, db.prepare(`select * from "${t}" order by rowid`).all()]),
    );
  } finally {
    db.close();
  }
}

beforeAll(() => {
  prepareDatabase();
  const org = createOrganization();
  for (let i = 0; i < 30; i++) createActivity(org.id, { title: `Ryhmä ${i}` });
  // Enough pages that the copy takes a while.
  const insert = getDb().$client.prepare("insert into rate_limit_hits (bucket, at) values (?, ?)");
  getDb().$client.transaction(() => {
    for (let i = 0; i < 40_000; i++) insert.run(`filler-${i}-${"x".repeat(80)}`, i);
  })();
});

describe("online backup and restore", () => {
  it("npm run db:backup copies the live database while writes go on", async () => {
    const env = getEnv();
    const writer = startWriter(env.databasePath);
    await new Promise((r) => setTimeout(r, 100));
    const run = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/backup.ts"], {
      env: { ...process.env, DATA_DIR: env.dataDir },
      encoding: "utf8",
      timeout: 60_000,
    });
    const written = await writer.stop();
    expect(run.status, run.stderr).toBe(0);
    expect(written).toBeGreaterThan(0);
    const file = run.stdout.trim();
    expect(path.dirname(file)).toBe(path.join(env.dataDir, "backups"));
    expect(path.basename(file)).toMatch(/^luotsi-\d{4}-\d\d-\d\dT[\d-]+Z\.db$/);
    checkIntegrity(file);
    const copy = new Database(file, { readonly: true });
    try {
      // A consistent snapshot: whole writer transactions of 20 rows, in order.
      const ids = copy
        .prepare("select bucket from rate_limit_hits where bucket like 'writer-%'")
        .pluck()
        .all() as string[];
      expect(ids.length % 20).toBe(0);
      const nums = ids.map((b) => Number(b.slice(7))).sort((a, b) => a - b);
      nums.forEach((n, i) => expect(n).toBe(i));
      expect(copy.prepare("select count(*) from activities").pluck().get()).toBe(30);
    } finally {
      copy.close();
    }
    // A child process that compiles and copies 40,000 rows: minutes on a loaded 2-core machine.
  }, 180_000);

  it("restores a backup round trip: integrity ok, the same contents", async () => {
    const env = getEnv();
    const backup = path.join(env.dataDir, "backups", "round-trip.db");
    await backupDatabase(env.databasePath, backup);
    const before = snapshot(backup);
    // A fresh server: restore into an empty path.
    const target = path.join(env.dataDir, "restored", "luotsi.db");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await restoreDatabase(backup, target);
    checkIntegrity(target);
    expect(snapshot(target)).toEqual(before);
    // Over an existing database: its contents are replaced and a safety copy is kept.
    const other = new Database(target);
    other.exec("delete from rate_limit_hits; delete from search_outbox;");
    other.close();
    const result = await restoreDatabase(backup, target);
    expect(result.safetyCopy && fs.existsSync(result.safetyCopy)).toBe(true);
    expect(snapshot(target)).toEqual(before);
  }, 180_000);

  it("the restore command refuses a missing or corrupt file with exit 1", () => {
    const env = getEnv();
    const missing = spawnSync(
      path.resolve("node_modules/.bin/tsx"),
      ["scripts/backup.ts", "--restore", "no-such-file.db"],
      { env: { ...process.env, DATA_DIR: env.dataDir }, encoding: "utf8" },
    );
    expect(missing.status).toBe(1);
    const corrupt = path.join(env.dataDir, "corrupt.db");
    fs.writeFileSync(corrupt, "SQLite format 3\0 but not really".padEnd(8192, "z"));
    const before = snapshot(env.databasePath).activities;
    const bad = spawnSync(
      path.resolve("node_modules/.bin/tsx"),
      ["scripts/backup.ts", "--restore", corrupt],
      { env: { ...process.env, DATA_DIR: env.dataDir }, encoding: "utf8" },
    );
    expect(bad.status).toBe(1);
    expect(snapshot(env.databasePath).activities).toEqual(before);
  }, 180_000);
});
