import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { getDb } from "#app/infra/db.server.ts";
import { createExpressApp, listen } from "./http-server.ts";

/**
 * The HTTP side of `npm start` in several processes. One Node process runs
 * its JavaScript on one core and a rendered page costs ~8 ms of it, so on a
 * machine with more cores the primary (migrations, Meilisearch, the outbox
 * drainer, timers) forks HTTP workers that share the port. They keep no
 * state of their own that matters: sessions, rate limits and the vocabulary
 * stamp live in SQLite, and the page cache is keyed by SQLite's outbox (ADR 005).
 */
export function httpProcessCount(configured: number | undefined) {
  return configured ?? Math.max(1, Math.min(2, os.availableParallelism()));
}

export const isHttpWorker = () => cluster.isWorker;

/** In a forked worker: serve the built app until the primary says stop. */
export async function runHttpWorker(buildFile: string, port: number, host?: string) {
  const build = (await import(pathToFileURL(path.resolve(buildFile)).href)) as ServerBuild;
  const server = await listen(createExpressApp({ build }), port, host);
  const stop = () => {
    server.close(() => {
      getDb().$client.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  // Ctrl-C reaches the whole process group; the primary decides and sends SIGTERM.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", stop);
  // A primary that died without stopping us must not leave us serving.
  process.on("disconnect", stop);
}

/** In the primary: fork `count` workers, wait until all listen, replace any that dies. */
export async function startHttpWorkers(
  count: number,
  say: (message: string) => void,
  env: Record<string, string> = {},
): Promise<() => Promise<void>> {
  let stopping = false;
  const fork = () => cluster.fork(env);
  await Promise.all(
    Array.from({ length: count }, fork).map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once("listening", () => resolve());
          worker.once("exit", (code) =>
            reject(new Error(`an HTTP worker exited with code ${code} before it could listen`)),
          );
        }),
    ),
  );
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    say(`HTTP worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    setTimeout(() => {
      if (!stopping) fork();
    }, 1_000);
  });
  return async () => {
    stopping = true;
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (!worker || worker.isDead()) return resolve();
            worker.once("exit", () => resolve());
            worker.process.kill("SIGTERM");
          }),
      ),
    );
  };
}
