/**
 * `npm start` (and `npm run dev` with --dev): everything a fresh clone needs,
 * in order: build if needed, migrate, seed once, Meilisearch (bundled unless
 * MEILI_URL), index sync, HTTP server, outbox drainer. Ctrl-C stops it all.
 */
import { spawn } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { getEnv } from "#app/infra/env.server.ts";
import { ensurePrivateDir, writePrivateFile } from "#app/infra/files.server.ts";
import { getDb, migrateDatabase } from "#app/infra/db.server.ts";
import { getMeili, resolveMeiliConfig } from "#app/infra/meili.server.ts";
import { seedVocabularyFromFile } from "./lib/seed-data.ts";
import { pruneHits } from "#app/modules/auth/rate-limit.server.ts";
import { deleteExpiredApplications } from "#app/modules/recruitment/applications-retention.server.ts";
import { expireOldReferrals } from "#app/modules/referrals/referral-expiry.server.ts";
import {
  describeStaleIndexes,
  drainOutbox,
  ensureIndexes,
} from "#app/modules/search/sync.server.ts";
import { startOutboxWorker } from "#app/modules/search/worker.server.ts";
import {
  DEMO_PASSWORD,
  hasOrganizations,
  listDemoAccountsPresent,
  seedDemoData,
} from "./lib/seed.ts";
import { buildIfNeeded } from "./lib/build.ts";
import {
  httpProcessCount,
  isHttpWorker,
  runHttpWorker,
  startHttpWorkers,
} from "./lib/http-cluster.ts";
import { createExpressApp, listen } from "./lib/http-server.ts";
import {
  isHealthy,
  isProcessAlive,
  superviseBundledMeili,
  type SupervisedMeili,
} from "./lib/meili-process.ts";

const dev = process.argv.includes("--dev");
// React and Remix pick their production builds from NODE_ENV; left unset,
// `npm start` rendered every page with React's development build (~3× slower).
if (!dev) process.env.NODE_ENV ??= "production";
const env = getEnv();
const root = process.cwd();
const say = (message: string) => console.log(`[luotsi] ${message}`);

type Running = { pid: number; url: string };
const pidFile = path.join(env.dataDir, "luotsi.pid");

/** One instance per data folder: a second start says so instead of fighting over the database. */
function claimInstance(url: string) {
  ensurePrivateDir(env.dataDir);
  try {
    const running = JSON.parse(fs.readFileSync(pidFile, "utf8")) as Running;
    if (running.pid !== process.pid && isProcessAlive(running.pid)) {
      console.error(
        `Luotsi is already running from this folder (pid ${running.pid}, ${running.url}).\n` +
          `Stop it with Ctrl-C in its terminal (or: kill ${running.pid}) before starting another, ` +
          `or give this one its own DATA_DIR and PORT.`,
      );
      process.exit(1);
    }
  } catch {
    // no pid file, or a stale one: ours now
  }
  writePrivateFile(pidFile, JSON.stringify({ pid: process.pid, url } satisfies Running));
}

async function main() {
  const url = `http://localhost:${env.PORT}`;
  claimInstance(url);
  if (!dev && !buildIfNeeded(root, say)) {
    console.error("remix build failed");
    process.exit(1);
  }

  migrateDatabase();
  seedVocabularyFromFile();
  if (!hasOrganizations()) {
    say("first run: seeding demo data…");
    await seedDemoData();
  }

  let meili: SupervisedMeili | undefined;
  if (env.MEILI_URL) {
    say(`using Meilisearch at ${env.MEILI_URL}`);
  } else {
    meili = await superviseBundledMeili({ say });
    say(
      `started the bundled Meilisearch (pid ${meili.current().pid}; log: ${path.join(env.dataDir, "meili.log")})`,
    );
  }
  const client = getMeili();
  if (client && (await isHealthy(resolveMeiliConfig()!.url))) {
    const stale = await ensureIndexes(client);
    const drained = await drainOutbox({ client });
    if (drained.error)
      say(`search index not in sync yet (${drained.error}); the drainer keeps trying`);
    // Rebuilt by the outbox worker in the background, below.
    if (stale.length > 0) say(`search index to rebuild: ${describeStaleIndexes(stale)}`);
  } else {
    say("Meilisearch is not reachable: the catalog serves from SQLite until it is");
  }
  // Requests nobody answered in 7 days lapse even when no page reads them.
  // Sign-in limits keep IP addresses; none is kept longer than a window needs it.
  // The public forms' applications go 90 days after they came unhandled (or after handling).
  const expiry = setInterval(() => {
    expireOldReferrals();
    pruneHits();
    deleteExpiredApplications();
  }, 5 * 60_000);
  expireOldReferrals();
  pruneHits();
  deleteExpiredApplications();
  const worker = startOutboxWorker({
    intervalMs: env.OUTBOX_INTERVAL_MS,
    onError: (message) => say(`search index sync waiting: ${message}`),
    onInfo: say,
  });

  let stopServer: () => Promise<void>;
  if (dev) {
    stopServer = await startDevServer();
  } else if (httpProcessCount(env.WEB_CONCURRENCY) > 1) {
    const count = httpProcessCount(env.WEB_CONCURRENCY);
    try {
      stopServer = await startHttpWorkers(count, say);
    } catch (e) {
      console.error(`could not serve on port ${env.PORT}: ${(e as Error).message}`);
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      await meili?.stop();
      fs.rmSync(pidFile, { force: true });
      process.exit(1);
    }
    say(`serving from ${count} HTTP processes (WEB_CONCURRENCY)`);
  } else {
    const build = (await import(
      pathToFileURL(path.join(root, "build/index.js")).href
    )) as ServerBuild;
    const server = await listen(createExpressApp({ build }), env.PORT);
    stopServer = () => new Promise((resolve) => server.close(() => resolve()));
  }

  say(`Luotsi is running at ${url}`);
  // Only a database that holds the demo data has the demo accounts.
  const demo = listDemoAccountsPresent();
  if (demo.length > 0) {
    say(`demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of demo) say(`  ${a.role.padEnd(12)} ${a.email}`);
  }
  say("press Ctrl-C to stop");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    clearInterval(expiry);
    worker.stop();
    await stopServer().catch(() => {});
    await meili?.stop();
    getDb().$client.close();
    fs.rmSync(pidFile, { force: true });
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGHUP", () => void stop("SIGHUP"));
}

/** `remix dev` rebuilds on change and runs our dev server, which reloads the build. */
async function startDevServer(): Promise<() => Promise<void>> {
  const config = resolveMeiliConfig();
  const child = spawn(
    path.join(root, "node_modules/.bin/remix"),
    [
      "dev",
      "--manual",
      "-c",
      `${path.join(root, "node_modules/.bin/tsx")} scripts/lib/dev-server.ts`,
    ],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_ENV: "development",
        MEILI_URL: config?.url ?? "",
        MEILI_MASTER_KEY: config?.key ?? "",
        LUOTSI_NO_WORKER: "1",
      },
    },
  );
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

if (isHttpWorker()) await runHttpWorker(path.join(root, "build/index.js"), env.PORT);
else await main();
