/**
 * `npm run bench:load [-- --quick]`: serves the built app with the demo data
 * from a temporary DATA_DIR on 127.0.0.1 only, drives the catalog, an
 * activity page and the suggestion API with autocannon at fixed rates, and
 * reports p50/p95/p99 and errors per rate. The capacity of a target is the
 * highest rate with p95 ≤ 100 ms, 0 errors and the rate actually reached.
 * Results go to docs/benchmarks.md ("Load" section).
 *
 * The server runs in a child process (`--serve`) so that the load generator
 * does not share its event loop; on this 2-core machine they share the cores.
 */
import { spawn, spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CATALOG_SEARCHES } from "./lib/bench-docs.ts";

/** The part of autocannon's API used here (the package ships no types). */
type AutocannonResult = {
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number };
};
type AutocannonInstance = PromiseLike<AutocannonResult> & {
  on(
    event: "response",
    fn: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
};
type AutocannonRequest = { method?: string; path?: string; headers?: Record<string, string> };
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  overallRate: number;
  duration: number;
  connections: number;
  headers: Record<string, string>;
  timeout: number;
  requests?: { setupRequest: (req: AutocannonRequest) => AutocannonRequest }[];
}) => AutocannonInstance;

let searchCounter = 0;
function uncachedSearch(req: AutocannonRequest): AutocannonRequest {
  const n = searchCounter++;
  return {
    ...req,
    path: `/?q=${encodeURIComponent(CATALOG_SEARCHES[n % CATALOG_SEARCHES.length]!)}&v=${n}`,
  };
}

const P95_BUDGET_MS = 100;
/** Set from the server's answer: how many HTTP processes serve. */
let httpProcesses = 1;
const quick = process.argv.includes("--quick");
const say = (m: string) => console.error(`[bench:load] ${m}`);

type ServeInfo = {
  url: string;
  activityPath: string;
  suggestionPath: string | null;
  cookie: string | null;
  meiliPid: number | null;
  /** The primary (outbox drainer) and, with several HTTP processes, each of them. */
  serverPids: number[];
  httpProcesses: number;
};

/** The server side: temporary data folder, demo data, Meilisearch, the built app. */
async function serve() {
  const dataDir = process.env.DATA_DIR!;
  const [
    { getDb, migrateDatabase },
    { getMeili },
    { seedVocabularyFromFile },
    sync,
    seed,
    http,
    meiliProc,
  ] = await Promise.all([
    import("#app/infra/db.server.ts"),
    import("#app/infra/meili.server.ts"),
    import("./lib/seed-data.ts"),
    import("#app/modules/search/sync.server.ts"),
    import("./lib/seed.ts"),
    import("./lib/http-server.ts"),
    import("./lib/meili-process.ts"),
  ]);
  const httpCluster = await import("./lib/http-cluster.ts");
  const { getEnv } = await import("#app/infra/env.server.ts");
  const { createUserSession } = await import("#app/infra/auth.server.ts");
  migrateDatabase();
  seedVocabularyFromFile();
  await seed.seedDemoData();
  const meili = process.env.MEILI_URL ? undefined : await meiliProc.startBundledMeili();
  const client = getMeili()!;
  await sync.ensureIndexes(client);
  await sync.drainOutbox({ client });
  // The same HTTP processes as `npm start` (WEB_CONCURRENCY, default one per core, at most two).
  const httpProcesses = httpCluster.httpProcessCount(getEnv().WEB_CONCURRENCY);
  let stopHttp: () => Promise<void>;
  let port: number;
  if (httpProcesses > 1) {
    port = await meiliProc.freePort();
    stopHttp = await httpCluster.startHttpWorkers(httpProcesses, say, {
      BENCH_PORT: String(port),
    });
  } else {
    const build = await import(pathToFileURL(process.env.BENCH_BUILD!).href);
    const server = await http.listen(http.createExpressApp({ build }), 0, "127.0.0.1");
    const address = server.address();
    port = typeof address === "object" && address ? address.port : 0;
    stopHttp = () => new Promise((resolve) => server.close(() => resolve()));
  }
  const db = getDb().$client;
  const activityRef = db
    .prepare("select ref from activities where status = 'open' order by id limit 1")
    .pluck()
    .get() as string;
  const worker = seed.DEMO_ACCOUNTS.find((a) => a.role === "worker" && a.caseload?.length);
  const workerId = worker
    ? (db.prepare("select id from users where email = ?").pluck().get(worker.email) as string)
    : undefined;
  const hasApi = fs.existsSync("app/routes/api.v1.participants.$ref.suggestions.ts");
  const url = `http://127.0.0.1:${port}`;
  const cookie =
    hasApi && workerId
      ? (await createUserSession(new Request(url), workerId)).split(";")[0]!
      : null;
  const info: ServeInfo = {
    url,
    activityPath: `/activities/${encodeURIComponent(activityRef)}`,
    suggestionPath:
      cookie && worker?.caseload?.[0]
        ? `/api/v1/participants/${encodeURIComponent(worker.caseload[0])}/suggestions?limit=10`
        : null,
    cookie,
    meiliPid: meili?.pid ?? null,
    serverPids: [
      process.pid,
      ...Object.values(cluster.workers ?? {}).flatMap((w) =>
        w?.process.pid ? [w.process.pid] : [],
      ),
    ],
    httpProcesses,
  };
  console.log(JSON.stringify(info));
  const stop = async () => {
    await stopHttp();
    await meili?.stop();
    getDb().$client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

/** CPU time (ms) a process has used, from /proc: load-independent cost per request. */
function cpuMs(pid: number | null): number {
  if (!pid) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 (1-based), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

type Step = {
  rate: number;
  cpuMsPerRequest: number;
  /** Of which Meilisearch's (the rest is the Node server's). */
  meiliCpuMsPerRequest: number;
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  ok: boolean;
};

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One fixed-rate run; latencies from every response (autocannon has no p95 of its own). */
async function runAt(
  url: string,
  rate: number,
  seconds: number,
  headers: Record<string, string>,
  pids: (number | null)[],
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest,
) {
  const times: number[] = [];
  const cpuBefore = pids.reduce<number>((n, p) => n + cpuMs(p), 0);
  const meiliBefore = cpuMs(pids[0] ?? null);
  const instance = autocannon({
    url,
    overallRate: rate,
    duration: seconds,
    // autocannon spends each second's rate in a burst across its connections:
    // few connections keep that burst (and the queue it makes) small.
    connections: Math.min(50, Math.max(2, Math.ceil(rate / 20))),
    headers,
    timeout: 5,
    ...(setupRequest ? { requests: [{ setupRequest }] } : {}),
  });
  instance.on("response", (_client, _status, _bytes, ms) => {
    times.push(ms);
  });
  const result = await instance;
  const cpuUsed = pids.reduce<number>((n, p) => n + cpuMs(p), 0) - cpuBefore;
  const meiliUsed = cpuMs(pids[0] ?? null) - meiliBefore;
  times.sort((a, b) => a - b);
  const errors = result.errors + result.timeouts + result.non2xx;
  const achieved = result.requests.total / seconds;
  const step: Step = {
    rate,
    cpuMsPerRequest:
      result.requests.total > 0 ? +(cpuUsed / result.requests.total).toFixed(1) : NaN,
    meiliCpuMsPerRequest:
      result.requests.total > 0 ? +(meiliUsed / result.requests.total).toFixed(1) : NaN,
    achieved: Math.round(achieved),
    p50: Math.round(percentile(times, 50)),
    p95: Math.round(percentile(times, 95)),
    p99: Math.round(percentile(times, 99)),
    errors,
    ok: false,
  };
  step.ok = errors === 0 && step.p95 <= P95_BUDGET_MS && achieved >= rate * 0.95;
  return step;
}

async function measure(
  name: string,
  url: string,
  rates: number[],
  headers: Record<string, string>,
  pids: (number | null)[],
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest,
) {
  const seconds = quick ? 4 : 10;
  // Warm-up: JIT, SQLite page cache, Meilisearch caches.
  await runAt(url, rates[0]!, 2, headers, pids, setupRequest);
  const steps: Step[] = [];
  let failures = 0;
  for (const rate of rates) {
    const step = await runAt(url, rate, seconds, headers, pids, setupRequest);
    steps.push(step);
    say(
      `${name.padEnd(10)} ${String(rate).padStart(5)} req/s → ${step.achieved} req/s, p50 ${step.p50} ms, p95 ${step.p95} ms, p99 ${step.p99} ms, errors ${step.errors}, CPU ${step.cpuMsPerRequest} ms/request (Meilisearch ${step.meiliCpuMsPerRequest})${step.ok ? "" : "  ✗"}`,
    );
    if (!step.ok && ++failures >= 2) break;
  }
  const best = steps.filter((s) => s.ok).reduce((m, s) => Math.max(m, s.rate), 0);
  const measured = steps.filter((s) => Number.isFinite(s.cpuMsPerRequest));
  const cheapest = measured.sort((a, b) => a.cpuMsPerRequest - b.cpuMsPerRequest)[0];
  const cpuMsPerRequest = cheapest?.cpuMsPerRequest ?? NaN;
  const nodeMs = cheapest ? cheapest.cpuMsPerRequest - cheapest.meiliCpuMsPerRequest : NaN;
  // One Node process runs its JavaScript on one core; Meilisearch uses the others.
  const cpuBound = Math.round(
    Math.min((httpProcesses * 1000) / nodeMs, (os.cpus().length * 1000) / cpuMsPerRequest),
  );
  return { name, url, steps, best, cpuMsPerRequest, cpuBound };
}

function renderMarkdown(
  results: Awaited<ReturnType<typeof measure>>[],
  seconds: number,
  loadBefore: number,
) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "<!-- load:start -->",
    "## Load",
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench:load${quick ? " -- --quick" : ""}\` on ${os.cpus().length} × ${cpu}, Node ${process.version}: the production build with the demo data, served on 127.0.0.1 with the bundled Meilisearch, autocannon in another process at fixed rates (${seconds} s per rate). A rate passes when p95 ≤ ${P95_BUDGET_MS} ms, 0 errors and at least 95 % of the rate was reached. Goal: ≥ 300 req/s on the catalog. The machine's 1-minute load average before the run was ${loadBefore.toFixed(1)} (other work on the same cores lowers these figures).`,
    "",
    "The catalog and activity targets are anonymous visitors, whom the page cache serves after the first request until a write or a drain changes the content (ADR 005). `catalog search, uncached` sends a different search each time (`/?q=…&v=N`), so every request is rendered: that is the cost of a cache miss, and of every signed-in page.",
    "",
    `CPU per request is the server's and Meilisearch's CPU time (from /proc) divided by the requests served, which does not depend on what else runs on the machine. The CPU bound is what idle cores could serve at most: each of the ${httpProcesses} HTTP processes (as \`npm start\` runs them: WEB_CONCURRENCY, default one per core, at most two) runs its JavaScript on one core (1000 ms / the server's part, times ${httpProcesses}), and all ${os.cpus().length} cores are shared with Meilisearch and the load generator.`,
    "",
    "| target | highest passing rate (req/s) | CPU per request (ms) | CPU bound on idle cores (req/s) |",
    "| --- | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.name} (\`${new URL(r.url).pathname}\`) | **${r.best}** | ${r.cpuMsPerRequest} | ${Number.isFinite(r.cpuBound) ? r.cpuBound : "–"} |`,
    ),
    "",
  ];
  for (const r of results) {
    lines.push(
      `### ${r.name}`,
      "",
      "| rate (req/s) | reached | p50 ms | p95 ms | p99 ms | errors | CPU ms/request (of it Meilisearch) | pass |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
      ...r.steps.map(
        (s) =>
          `| ${s.rate} | ${s.achieved} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.errors} | ${s.cpuMsPerRequest} (${s.meiliCpuMsPerRequest}) | ${s.ok ? "✓" : "✗"} |`,
      ),
      "",
    );
  }
  lines.push("<!-- load:end -->");
  return lines.join("\n");
}

function writeDocs(markdown: string) {
  const file = path.resolve("docs/benchmarks.md");
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = current.indexOf("<!-- load:start -->");
  const end = current.indexOf("<!-- load:end -->");
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + markdown + current.slice(end + "<!-- load:end -->".length)
      : `${current.trimEnd()}\n\n${markdown}\n`;
  fs.writeFileSync(file, next);
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "luotsi-bench-load-"));
  // A private copy of the build, taken under the lock the end-to-end tests
  // build under, so that a parallel rebuild cannot change it mid-run. It
  // lives inside the project so that its imports find node_modules.
  const buildCopy = path.resolve("test-data", `bench-load-${process.pid}`, "index.js");
  const built = spawnSync(
    "flock",
    [
      "/tmp/luotsi-e2e.lock",
      path.resolve("node_modules/.bin/tsx"),
      path.resolve("scripts/bench-load.ts"),
      "--prepare-build",
      buildCopy,
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (built.status !== 0) throw new Error("remix build failed");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    MEILI_INDEX_PREFIX: "benchload_",
    BENCH_BUILD: buildCopy,
  };
  delete env.DATABASE_PATH;
  const child = spawn(
    path.resolve("node_modules/.bin/tsx"),
    [path.resolve("scripts/bench-load.ts"), "--serve"],
    { env, stdio: ["ignore", "pipe", "inherit"] },
  );
  const cleanUp = () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(buildCopy), { recursive: true, force: true });
  };
  const info = await new Promise<ServeInfo>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line) as ServeInfo);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  }).catch((e: unknown) => {
    cleanUp();
    throw e;
  });
  httpProcesses = info.httpProcesses;
  say(`serving ${info.url} from ${httpProcesses} HTTP process(es)`);
  const loadBefore = os.loadavg()[0]!;
  try {
    const rates = quick ? [50, 150, 300] : [50, 100, 150, 200, 300, 400, 500, 600, 800, 1000];
    // Rendered responses cost ~15 ms of CPU each: their ladder starts lower.
    const renderedRates = quick ? [10, 30, 50] : [10, 20, 30, 40, 50, 60, 80, 100, 120, 150, 200];
    const results = [];
    const pids = [info.meiliPid, ...info.serverPids];
    results.push(await measure("catalog", `${info.url}/`, rates, {}, pids));
    results.push(
      await measure(
        "catalog search, uncached",
        `${info.url}/?q=kalastus`,
        renderedRates,
        {},
        pids,
        uncachedSearch,
      ),
    );
    results.push(await measure("activity", `${info.url}${info.activityPath}`, rates, {}, pids));
    if (info.suggestionPath && info.cookie) {
      results.push(
        await measure(
          "suggestions",
          `${info.url}${info.suggestionPath}`,
          renderedRates,
          {
            Cookie: info.cookie,
          },
          pids,
        ),
      );
    } else say("suggestion API not built yet: skipped");
    const markdown = renderMarkdown(results, quick ? 4 : 10, loadBefore);
    writeDocs(markdown);
    console.log(
      JSON.stringify(
        Object.fromEntries(results.map((r) => [r.name, { bestRate: r.best, steps: r.steps }])),
      ),
    );
    const catalog = results[0]!;
    say(`catalog: ${catalog.best} req/s at p95 ≤ ${P95_BUDGET_MS} ms (goal ≥ 300)`);
  } finally {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    // The server's own Meilisearch and HTTP processes must not outlive it, whatever happened to it.
    for (const pid of [info.meiliPid, ...info.serverPids]) {
      if (!pid) continue;
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    cleanUp();
  }
}

/** Run under the lock: build when the sources are newer, then copy the server build. */
async function prepareBuild(copy: string) {
  const { buildIfNeeded } = await import("./lib/build.ts");
  if (!buildIfNeeded(process.cwd(), say)) process.exit(1);
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.copyFileSync("build/index.js", copy);
}

const prepareAt = process.argv.indexOf("--prepare-build");
if (cluster.isWorker) {
  const { runHttpWorker } = await import("./lib/http-cluster.ts");
  await runHttpWorker(process.env.BENCH_BUILD!, Number(process.env.BENCH_PORT), "127.0.0.1");
} else if (prepareAt >= 0) await prepareBuild(process.argv[prepareAt + 1]!);
else if (process.argv.includes("--serve")) await serve();
else await main();
