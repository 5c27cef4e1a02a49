import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema.ts";
import { getEnv } from "./env.server.ts";
import {
  ensurePrivateDir,
  ensurePrivateFile,
  PRIVATE_FILE_MODE,
  sqliteFiles,
  tightenMode,
} from "./files.server.ts";
import { singleton } from "./singleton.server.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (and creates) a database file as 0600: SQLite gives the -wal and
 * -shm files it creates the database file's mode, and older looser files
 * are tightened (app/infra/files.server.ts).
 */
export function openDatabase(file: string): Db {
  ensurePrivateFile(file);
  for (const f of sqliteFiles(file)) tightenMode(f, PRIVATE_FILE_MODE);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${getEnv().SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma("synchronous = NORMAL");
  return drizzle({ client: sqlite, schema }) as Db;
}

export function getDb(): Db {
  return singleton("db", () => {
    ensurePrivateDir(getEnv().dataDir);
    return openDatabase(getEnv().databasePath);
  });
}

export function migrationsFolder() {
  // Works from app/infra (tsx, vitest) and from the bundled build/index.js.
  const candidates = [
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations"),
    path.resolve(process.cwd(), "db/migrations"),
  ];
  const found = candidates.find((c) => fs.existsSync(path.join(c, "meta/_journal.json")));
  if (!found) throw new Error("db/migrations not found");
  return found;
}

export function migrateDatabase(db: Db = getDb()) {
  migrate(db, { migrationsFolder: migrationsFolder() });
}

/**
 * A write that still found the database locked after the busy timeout
 * (SQLITE_BUSY and its extended codes). Requests answer it with 503 and
 * Retry-After (scripts/lib/http-server.ts), never 500; commands retry.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/** Seconds a client is asked to wait before trying a busy write again. */
export function busyRetryAfterSeconds() {
  return Math.max(1, Math.ceil(getEnv().SQLITE_BUSY_TIMEOUT_MS / 1000));
}

/**
 * A write transaction that takes the write lock up front (BEGIN IMMEDIATE), so
 * concurrent writers wait on busy_timeout instead of failing with SQLITE_BUSY
 * when a read lock would have to be upgraded.
 */
export function writeTransaction<T>(fn: (tx: Db) => T, db: Db = getDb()): T {
  return db.transaction((tx) => fn(tx as unknown as Db), { behavior: "immediate" });
}
