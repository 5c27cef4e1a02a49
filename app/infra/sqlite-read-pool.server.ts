import { createRequire } from "node:module";
import os from "node:os";
import { Worker } from "node:worker_threads";

/**
 * Read-only SQLite queries on worker threads, each with its own connection.
 * Heavy aggregations (the outcome report over 100k participants) then run on
 * every core at once instead of one after another, and never block the
 * server's event loop while they run. WAL mode lets these readers run beside
 * the main connection's writes. ADR 006.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.betterSqlite3);
const connections = new Map();
function connection(path) {
  let db = connections.get(path);
  if (!db) {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    connections.set(path, db);
  }
  return db;
}
parentPort.on("message", (m) => {
  try {
    parentPort.postMessage({ id: m.id, rows: connection(m.dbPath).prepare(m.sql).all(m.params) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
`;

export type ReadQuery = { sql: string; params: Record<string, unknown> };
type Pending = { resolve: (rows: unknown[]) => void; reject: (e: Error) => void };
type PooledWorker = { worker: Worker; pending: Map<number, Pending> };

let pool: PooledWorker[] | undefined;
let nextId = 0;

export function readPoolSize() {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

function startWorker(): PooledWorker {
  const betterSqlite3 = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { betterSqlite3 } });
  const entry: PooledWorker = { worker, pending: new Map() };
  worker.on("message", (m: { id: number; rows?: unknown[]; error?: string }) => {
    const p = entry.pending.get(m.id);
    if (!p) return;
    entry.pending.delete(m.id);
    if (entry.pending.size === 0) worker.unref();
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.rows ?? []);
  });
  const fail = (error: Error) => {
    for (const p of entry.pending.values()) p.reject(error);
    entry.pending.clear();
    pool = pool?.filter((w) => w !== entry);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`read worker exited with code ${code}`)));
  // Idle workers must not keep a command-line run alive; busy ones must.
  worker.unref();
  return entry;
}

function workers(): PooledWorker[] {
  if (!pool || pool.length === 0) {
    pool = Array.from({ length: readPoolSize() }, startWorker);
  }
  return pool;
}

/** Runs each query on the least busy worker; the answers come back in the queries' order. */
export function runReadQueries(dbPath: string, queries: ReadQuery[]): Promise<unknown[][]> {
  return Promise.all(
    queries.map((q) => {
      const target = workers().reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = ++nextId;
      return new Promise<unknown[]>((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        target.worker.ref();
        target.worker.postMessage({ id, dbPath, sql: q.sql, params: q.params });
      });
    }),
  );
}
