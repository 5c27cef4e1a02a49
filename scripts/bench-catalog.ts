/**
 * `npm run bench:catalog [-- --no-write]`
 *
 * The catalog search's quality and the cost of understanding a query, in one
 * run (issue #13): nDCG@10 on the judged catalog relevance set
 * (tests/fixtures/catalog-relevance) for Luotsi's search and for plain
 * Meilisearch with default settings over the same activities, per query and
 * by kind of query; and the time `understandQuery` takes per query (each of
 * the set's queries, many rounds, after a warm-up). Results go to stdout and
 * into the "Catalog search" section of docs/benchmarks.md.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const write = !process.argv.includes("--no-write");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "luotsi-bench-catalog-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_PATH;
delete process.env.MEILI_URL;
delete process.env.MEILI_MASTER_KEY;
process.env.MEILI_INDEX_PREFIX = "bench_";

const { getDb, migrateDatabase } = await import("#app/infra/db.server.ts");
const { getMeili, indexUid } = await import("#app/infra/meili.server.ts");
const { seedVocabulary } = await import("#app/modules/interests/interests.server.ts");
const { ensureIndexes, drainOutbox } = await import("#app/modules/search/sync.server.ts");
const { understandQuery } = await import("#app/modules/catalog/query-understanding.ts");
const { buildPlaceNames, getPlaceNames } = await import(
  "#app/modules/places/municipalities.server.ts"
);
const { startBundledMeili } = await import("./lib/meili-process.ts");
const set = await import("../tests/fixtures/catalog-relevance/catalog-relevance.ts");

const log = (...a: unknown[]) => console.error(...a);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const meili = await startBundledMeili({ dataDir });
try {
  migrateDatabase();
  seedVocabulary();
  const client = getMeili()!;
  await ensureIndexes(client);
  set.loadCatalogRelevanceSet(getDb());
  const drained = await drainOutbox({ client });
  if (drained.error) throw new Error(drained.error);
  const baseline = indexUid("catalog_baseline");
  await set.buildBaselineIndex(client, baseline);

  log("relevance: Luotsi and plain Meilisearch…");
  const ours = await set.evaluateCatalogSearch(set.searchLikeThePage);
  const plain = await set.evaluateCatalogSearch((q) => set.searchBaseline(client, baseline, q));
  const { queries, catalog } = set.readCatalogRelevanceSet();
  const municipalities = new Set(catalog.activities.map((a) => a.municipality)).size;

  log("timing understandQuery…");
  const places = getPlaceNames();
  // The tables are built once per process (on first use); a fresh build measures that.
  const buildStart = performance.now();
  buildPlaceNames();
  const tableMs = performance.now() - buildStart;
  for (let i = 0; i < 2000; i++) understandQuery(queries[i % queries.length]!.query, places);
  const ROUNDS = 2000;
  const perQuery: { query: string; us: number }[] = [];
  const all: number[] = [];
  for (const q of queries) {
    const samples: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      understandQuery(q.query, places);
      samples.push((performance.now() - t) * 1000);
    }
    samples.sort((a, b) => a - b);
    perQuery.push({ query: q.query, us: percentile(samples, 50) });
    all.push(...samples);
  }
  all.sort((a, b) => a - b);
  const timing = {
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    max: all.at(-1)!,
    slowest: perQuery.slice().sort((a, b) => b.us - a.us)[0]!,
    tableMs,
  };

  // By kind of query (a query counts under each of its kinds).
  const kinds = new Map<string, { n: number; ours: number; plain: number }>();
  ours.perQuery.forEach((r, i) => {
    for (const k of r.kinds) {
      const row = kinds.get(k) ?? { n: 0, ours: 0, plain: 0 };
      row.n++;
      row.ours += r.ndcg;
      row.plain += plain.perQuery[i]!.ndcg;
      kinds.set(k, row);
    }
  });

  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.split(" ").slice(0, 2).join(" ")}, Node ${process.version}`;
  const lines = [
    "## Catalog search",
    "",
    `Measured ${date} UTC with \`npm run bench:catalog\` on ${machine}: the judged catalog relevance set (\`tests/fixtures/catalog-relevance\`: ${ours.perQuery.length} queries in Finnish, Swedish and English over a catalog of ${catalog.activities.length} activities in ${municipalities} municipalities, graded 0–3 by hand) through the catalog page's own search function, and the same queries against plain Meilisearch 1.21 with default settings over the same open activities (title, description, interests, kind, municipality, languages, organization). \`npm test\` checks the same figure against a floor (\`tests/integration/catalog-relevance.test.ts\`).`,
    "",
    `| search | nDCG@10 |`,
    `| --- | ---: |`,
    `| Luotsi (query understanding, interests, place buckets, ranking) | **${ours.ndcg.toFixed(3)}** |`,
    `| plain Meilisearch, default settings | ${plain.ndcg.toFixed(3)} |`,
    "",
    "By kind of query (a query counts under each of its kinds):",
    "",
    "| kind | queries | Luotsi | plain Meilisearch |",
    "| --- | ---: | ---: | ---: |",
    ...[...kinds.entries()]
      .sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))
      .map(
        ([k, r]) =>
          `| ${k} | ${r.n} | ${(r.ours / r.n).toFixed(2)} | ${(r.plain / r.n).toFixed(2)} |`,
      ),
    "",
    "Every query:",
    "",
    "| query | kinds | Luotsi | plain | understanding (µs, p50) |",
    "| --- | --- | ---: | ---: | ---: |",
    ...ours.perQuery.map(
      (r, i) =>
        `| ${r.query} | ${r.kinds.join(", ")} | ${r.ndcg.toFixed(2)} | ${plain.perQuery[i]!.ndcg.toFixed(2)} | ${perQuery[i]!.us.toFixed(1)} |`,
    ),
    "",
    `Understanding a query (\`understandQuery\`, ${ROUNDS} rounds of each query after a warm-up): p50 **${timing.p50.toFixed(1)} µs**, p95 ${timing.p95.toFixed(1)} µs, p99 ${timing.p99.toFixed(1)} µs, slowest query "${timing.slowest.query}" ${timing.slowest.us.toFixed(1)} µs at p50 (goal: under 1 ms). The place tables (309 municipalities and about 2,000 postal villages with their inflected stems) are built once per process when first used, in ${timing.tableMs.toFixed(0)} ms, never per request.`,
    "",
    "Where plain Meilisearch fails: it does not inflect Finnish (Savonlinnassa, kalastuksesta), does not know that Björneborg is Pori, that ilmainen is the free filter or that tiistaina is a day, and searches those words as text; Luotsi understands them as filters, sends the rest to the interest normalizer, and lists the place first, then its neighbours within 30 km.",
  ];
  const markdown = lines.join("\n");
  console.log(markdown);
  if (write) {
    const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), "docs/benchmarks.md");
    const current = fs.readFileSync(file, "utf8");
    const start = current.indexOf("<!-- catalog:start -->");
    const end = current.indexOf("<!-- catalog:end -->");
    const block = `<!-- catalog:start -->\n${markdown}\n<!-- catalog:end -->`;
    const next =
      start >= 0 && end > start
        ? current.slice(0, start) + block + current.slice(end + "<!-- catalog:end -->".length)
        : `${current.trimEnd()}\n\n${block}\n`;
    fs.writeFileSync(file, next);
    log(`wrote ${path.relative(process.cwd(), file)}`);
  }
} finally {
  await meili.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
