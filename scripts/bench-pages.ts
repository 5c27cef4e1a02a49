/**
 * `npm run bench:pages [-- --rounds N --requests N --warmup N --only NAME --no-write]`
 *
 * CPU time per request of the pages that are rendered for every request
 * (issue #15, goal 2): the uncached catalog search (what every cache miss and
 * signed-in page costs), a participant's suggestions page, the suggestions
 * API, and the suggestions alone (the module call both of those make). The
 * production build is called through Remix's request handler in this
 * process, with the demo data and the bundled Meilisearch, so the figure is
 * the app's own CPU (process.cpuUsage) and Meilisearch's (from /proc) per
 * request: costs that other load on the machine changes far less than wall
 * time (on a busy machine they still spread by about ±20 %). Rounds of
 * each target alternate, so that all see the same machine. Results go to
 * stdout and into the "Pages" section of docs/benchmarks.md.
 *
 * For a CPU profile: `node --cpu-prof --import tsx scripts/bench-pages.ts --only catalog`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { CATALOG_SEARCHES, writeBenchSection } from "./lib/bench-docs.ts";

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    rounds: { type: "string", default: "3" },
    requests: { type: "string", default: "300" },
    warmup: { type: "string", default: "200" },
    only: { type: "string", multiple: true },
    "no-write": { type: "boolean", default: false },
  },
});
const ROUNDS = Number(args.rounds);
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);
for (const [name, n] of Object.entries({ ROUNDS, REQUESTS })) {
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive whole number`);
    process.exit(1);
  }
}

process.env.NODE_ENV = "production";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "luotsi-bench-pages-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_PATH;
delete process.env.MEILI_URL;
delete process.env.MEILI_MASTER_KEY;
process.env.MEILI_INDEX_PREFIX = "benchpages_";
const log = (...a: unknown[]) => console.error(...a);

const { buildIfNeeded } = await import("./lib/build.ts");
if (!buildIfNeeded(process.cwd(), log)) process.exit(1);
const { createRequestHandler } = await import("@remix-run/node");
const { getDb, migrateDatabase } = await import("#app/infra/db.server.ts");
const { getMeili } = await import("#app/infra/meili.server.ts");
const { createUserSession } = await import("#app/infra/auth.server.ts");
const { seedVocabularyFromFile } = await import("./lib/seed-data.ts");
const seed = await import("./lib/seed.ts");
const sync = await import("#app/modules/search/sync.server.ts");
const { startBundledMeili } = await import("./lib/meili-process.ts");
const matching = await import("#app/modules/matching/matching.server.ts");

/** CPU time (ms) a process has used, from /proc (clock ticks of 10 ms). */
function procCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Target = { name: string; label: string; run: (i: number) => Promise<unknown> };
type Round = { appMs: number; meiliMs: number; wallMs: number };

async function main() {
  const loadStart = os.loadavg();
  log(`bench:pages: data in ${dataDir}`);
  migrateDatabase();
  seedVocabularyFromFile();
  await seed.seedDemoData();
  const meili = await startBundledMeili({ dataDir });
  try {
    const client = getMeili()!;
    await sync.ensureIndexes(client);
    await sync.drainOutbox({ client });
    const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
    const handle = createRequestHandler(build, "production");
    const db = getDb().$client;
    const worker = seed.DEMO_ACCOUNTS.find((a) => a.role === "worker" && a.caseload?.length)!;
    const workerId = db.prepare("select id from users where email = ?").pluck().get(worker.email);
    const base = "http://127.0.0.1:3000";
    const cookie = (await createUserSession(new Request(base), workerId as string)).split(";")[0]!;
    const ref = worker.caseload![0]!;
    const context = () => ({
      nonce: "bench",
      clientIp: "127.0.0.1",
      allowPublicCaching: () => {},
      databaseBusy: () => {},
    });
    const get = async (url: string, signedIn: boolean) => {
      const response = await handle(
        new Request(base + url, { headers: signedIn ? { cookie } : {} }),
        context(),
      );
      const body = await response.text();
      if (response.status !== 200)
        throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
      return body;
    };
    const targets: Target[] = [
      {
        name: "catalog",
        label: "catalog search, uncached (`/?q=…`, anonymous)",
        run: (i: number) =>
          get(
            `/?q=${encodeURIComponent(CATALOG_SEARCHES[i % CATALOG_SEARCHES.length]!)}&v=${i}`,
            false,
          ),
      },
      {
        name: "suggestions",
        label: "the suggestions alone (`suggestForParticipantDetailed`, as the page calls it)",
        run: () =>
          matching.suggestForParticipantDetailed(ref, { limit: 10, lang: "fi", fallback: true }),
      },
      {
        name: "suggestions-page",
        label: `a participant's suggestions page (\`/participants/${ref}/suggestions\`, worker)`,
        run: () => get(`/participants/${encodeURIComponent(ref)}/suggestions`, true),
      },
      {
        name: "suggestions-api",
        label: `suggestions API (\`/api/v1/participants/${ref}/suggestions?limit=10\`, worker)`,
        run: () =>
          get(`/api/v1/participants/${encodeURIComponent(ref)}/suggestions?limit=10`, true),
      },
    ].filter((t) => !args.only || args.only.includes(t.name));
    let counter = 0;
    for (const t of targets) {
      log(`warming up ${t.name}…`);
      for (let i = 0; i < WARMUP; i++) await t.run(counter++);
    }
    const rounds = new Map<string, Round[]>(targets.map((t) => [t.name, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const t of targets) {
        const cpu0 = ownCpuMs();
        const meili0 = procCpuMs(meili.pid);
        const wall0 = performance.now();
        for (let i = 0; i < REQUESTS; i++) await t.run(counter++);
        rounds.get(t.name)!.push({
          appMs: (ownCpuMs() - cpu0) / REQUESTS,
          meiliMs: (procCpuMs(meili.pid) - meili0) / REQUESTS,
          wallMs: (performance.now() - wall0) / REQUESTS,
        });
      }
      log(`round ${r + 1}/${ROUNDS} done`);
    }
    const loadEnd = os.loadavg();
    const best = (name: string) => {
      const rs = rounds.get(name)!;
      return rs.reduce((a, b) => (b.appMs < a.appMs ? b : a));
    };
    const range = (name: string, key: keyof Round) => {
      const xs = rounds.get(name)!.map((r) => r[key]);
      const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
      return lo.toFixed(1) === hi.toFixed(1) ? lo.toFixed(1) : `${lo.toFixed(1)}–${hi.toFixed(1)}`;
    };
    const rows = targets.map(
      (t) =>
        `| ${t.label} | ${range(t.name, "appMs")} | ${range(t.name, "meiliMs")} | ${range(t.name, "wallMs")} |`,
    );
    const ratio =
      rounds.has("suggestions") && rounds.has("suggestions-page")
        ? best("suggestions-page").appMs / best("suggestions").appMs
        : undefined;
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench:pages\` on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "cpu"}, Node ${process.version}: the production build called through Remix's request handler in one process, with the demo data and the bundled Meilisearch; ${ROUNDS} rounds of ${REQUESTS} requests of each target, alternately, after ${WARMUP} warm-up ones. App CPU is this process's CPU time per request, Meilisearch's from /proc (10 ms ticks); other load changes them far less than wall time, though at a load average above 10 they still spread by about ±20 %. Load average (1/5/15 min): ${load(loadStart)} at the start, ${load(loadEnd)} at the end (wall times include waiting for the CPU).`,
      "",
      "| target | app CPU ms per request | Meilisearch CPU ms | wall ms |",
      "| --- | ---: | ---: | ---: |",
      ...rows,
      "",
      ...(ratio !== undefined
        ? [
            `The suggestions page costs **${ratio.toFixed(2)}×** the app CPU of the suggestions alone (fastest rounds; goal ≤ 1.5×).`,
            "",
          ]
        : []),
    ];
    console.log(lines.join("\n"));
    if (!args["no-write"] && !args.only) await writeDocs(lines.join("\n"));
  } finally {
    await meili.stop();
    getDb().$client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function writeDocs(body: string) {
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), "docs/benchmarks.md");
  const written = await writeBenchSection(
    file,
    "pages",
    `## Pages: CPU per rendered request\n\n${body}`,
  );
  log(`results written to ${written}`);
}

await main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
