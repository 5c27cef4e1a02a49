import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema.ts";
import { getEnv } from "./env.server.ts";
import { dateInFinland } from "./finland-time.ts";
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
const preparedByDb = new WeakMap<Db, Map<string, unknown>>();

/**
 * A query prepared once per connection: drizzle builds and SQLite compiles
 * a query on every call otherwise, which cost more than the query itself
 * on the matcher's and the catalog's hot paths (issue #15).
 */
export function preparedOnce<T>(db: Db, key: string, build: () => T): T {
  let statements = preparedByDb.get(db);
  if (!statements) preparedByDb.set(db, (statements = new Map()));
  if (!statements.has(key)) statements.set(key, build());
  return statements.get(key) as T;
}

/**
 * `column IN (the ids)` with the ids as one parameter (`idList(ids)`), so
 * one prepared statement serves any number of ids. SQLite's json_each; in
 * PostgreSQL this is `column = ANY($1)` (docs/scaling.md).
 */
export const inIdList = (column: SQLWrapper, name = "ids"): SQL =>
  sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
export const idList = (ids: readonly number[]) => JSON.stringify(ids);

export function openDatabase(file: string): Db {
  ensurePrivateFile(file);
  for (const f of sqliteFiles(file)) tightenMode(f, PRIVATE_FILE_MODE);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${getEnv().SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma("synchronous = NORMAL");
  // Instants (integer ms) as Finnish calendar days inside queries, e.g. when a referral was sent.
  sqlite.function("finland_date", { deterministic: true }, (ms: unknown) =>
    typeof ms === "number" || typeof ms === "bigint" ? dateInFinland(Number(ms)) : null,
  );
  // Deleted and overwritten content is zeroed on disk, not left in free space
  // where the file (and every backup of it) would keep it: erasure must be real.
  sqlite.pragma("secure_delete = ON");
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

/** `PRAGMA user_version` once free pages from before secure_delete have been wiped. */
const WIPED_FREE_PAGES = 1;

export function migrateDatabase(db: Db = getDb()) {
  migrate(db, { migrationsFolder: migrationsFolder() });
  // A database from before secure_delete may hold deleted text in its free
  // pages: rewrite the file once (VACUUM), then never again.
  const sqlite = db.$client;
  if ((sqlite.pragma("user_version", { simple: true }) as number) < WIPED_FREE_PAGES) {
    sqlite.exec("VACUUM");
    sqlite.pragma(`user_version = ${WIPED_FREE_PAGES}`);
  }
}

/**
 * Copies the WAL into the database file and empties it, so that content
 * just overwritten (an erasure) survives in neither. Readers holding an old
 * snapshot can keep the WAL from being emptied: then it is tried again a
 * few times. Returns whether the WAL is now empty.
 */
export async function checkpointWal(db: Db = getDb(), attempts = 20) {
  for (let i = 0; i < attempts; i++) {
    const [result] = db.$client.pragma("wal_checkpoint(TRUNCATE)") as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    if (result && result.busy === 0 && result.log === 0) return true;
    await new Promise((r) => setTimeout(r, 50 * (i + 1)));
  }
  return false;
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
