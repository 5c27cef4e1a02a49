/**
 * `npm run bench`: every benchmark in one go, one after another so they do
 * not compete for the two cores. Each prints its own ratios measured in its
 * own run; pass `--quick` through for smaller data sets.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const BENCHES = [
  "scripts/bench-match.ts",
  "scripts/bench-catalog.ts",
  "scripts/bench-report.ts",
  "scripts/bench-load.ts",
  "scripts/bench-import.ts",
];
const extra = process.argv.slice(2).filter((a) => a !== "--");
let failed = 0;
for (const script of BENCHES) {
  if (!fs.existsSync(script)) continue;
  console.log(`\n=== ${path.basename(script, ".ts")} ===`);
  const r = spawnSync(path.resolve("node_modules/.bin/tsx"), [script, ...extra], {
    stdio: "inherit",
  });
  if (r.status !== 0) {
    failed++;
    console.error(`${script} exited ${r.status}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
