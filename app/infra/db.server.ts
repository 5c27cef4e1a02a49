import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema.ts";
import { getEnv } from "./env.server.ts";
import { dateInFinland } from "./finland-time.ts";
import { singleton } from "./singleton.server.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Instants (integer ms) as Finnish calendar days inside queries, e.g. when a referral was sent.
  sqlite.function("finland_date", { deterministic: true }, (ms: unknown) =>
    typeof ms === "number" || typeof ms === "bigint" ? dateInFinland(Number(ms)) : null,
  );
  return drizzle({ client: sqlite, schema }) as Db;
}

export function getDb(): Db {
  return singleton("db", () => openDatabase(getEnv().databasePath));
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
 * A write transaction that takes the write lock up front (BEGIN IMMEDIATE), so
 * concurrent writers wait on busy_timeout instead of failing with SQLITE_BUSY
 * when a read lock would have to be upgraded.
 */
export function writeTransaction<T>(fn: (tx: Db) => T, db: Db = getDb()): T {
  return db.transaction((tx) => fn(tx as unknown as Db), { behavior: "immediate" });
}
