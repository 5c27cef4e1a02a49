import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, openDatabase } from "#app/infra/db.server.ts";
import { getEnv, resetEnvCache } from "#app/infra/env.server.ts";
import { startBundledMeili, type BundledMeili } from "../../scripts/lib/meili-process.ts";
import { createOrganization, prepareDatabase } from "../factories/index.ts";

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const octal = (m: number) => m.toString(8).padStart(4, "0");

/** Every file and folder under `dir` that its group or others could read, write or enter. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if ((mode(full) & 0o077) !== 0) found.push(`${full} ${octal(mode(full))}`);
    if (entry.isDirectory()) found.push(...openToOthers(full));
  }
  return found;
}

let meili: BundledMeili | undefined;
afterAll(async () => {
  await meili?.stop();
});

describe("files in the data folder are the service user's only", () => {
  it("the data folder is 0700 and the database, its WAL and SHM are 0600, even under umask 022", () => {
    const previous = process.umask(0o022);
    try {
      // The per-file setup made the data folder with the usual 0755; opening the database tightens it.
      fs.chmodSync(getEnv().dataDir, 0o755);
      prepareDatabase();
      createOrganization();
    } finally {
      process.umask(previous);
    }
    const db = getEnv().databasePath;
    expect(octal(mode(getEnv().dataDir))).toBe("0700");
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      expect(fs.existsSync(file), file).toBe(true);
      expect(octal(mode(file)), file).toBe("0600");
    }
    expect(getDb().$client.pragma("journal_mode", { simple: true })).toBe("wal");
  });

  it("a database left readable by others is tightened when it is opened", () => {
    const file = path.join(getEnv().dataDir, "old", "old.db");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = openDatabase(file);
    old.$client.exec("create table t (x)");
    old.$client.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`])
      if (fs.existsSync(f)) fs.chmodSync(f, 0o644);
    const reopened = openDatabase(file);
    reopened.$client.exec("insert into t values (1)");
    for (const f of [file, `${file}-wal`, `${file}-shm`])
      if (fs.existsSync(f)) expect(octal(mode(f)), f).toBe("0600");
    reopened.$client.close();
  });

  it("npm run db:backup writes 0600 copies into a 0700 backups folder", () => {
    getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
    const r = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/backup.ts"], {
      env: { ...process.env, DATA_DIR: getEnv().dataDir },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    const backup = r.stdout.trim();
    expect(path.dirname(backup)).toBe(path.join(getEnv().dataDir, "backups"));
    expect(octal(mode(path.dirname(backup)))).toBe("0700");
    expect(octal(mode(backup))).toBe("0600");
  });

  it("the bundled Meilisearch's data folder, log and generated key are the service user's only", async () => {
    const dir = path.join(getEnv().dataDir, "meili-modes");
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    // Without MEILI_MASTER_KEY the bundled server's key is generated into the folder.
    const key = process.env.MEILI_MASTER_KEY;
    delete process.env.MEILI_MASTER_KEY;
    resetEnvCache();
    try {
      meili = await startBundledMeili({ dataDir: dir });
    } finally {
      process.env.MEILI_MASTER_KEY = key;
      resetEnvCache();
    }
    // It has written its database by now (the health check answers only after that).
    expect(octal(mode(dir))).toBe("0700");
    expect(octal(mode(path.join(dir, "meili")))).toBe("0700");
    expect(octal(mode(path.join(dir, "meili-master-key")))).toBe("0600");
    expect(octal(mode(path.join(dir, "meili.json")))).toBe("0600");
    expect(octal(mode(path.join(dir, "meili.log")))).toBe("0600");
    expect(fs.readdirSync(path.join(dir, "meili")).length).toBeGreaterThan(0);
    expect(openToOthers(dir)).toEqual([]);
  }, 60_000);
});
