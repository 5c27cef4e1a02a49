import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/lib/meili-process.ts";
import { ensureFreshBuild } from "../integration/app-process.ts";
import { startTileStub } from "./tile-stub.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDataDir: string;
    /** The tile stub MAP_TILE_URL points at (tests/setup/tile-stub.ts). */
    tileStubUrl: string;
  }
}

/**
 * End-to-end tests run the real production server (`npm start`'s script) on a
 * fresh data folder with demo data, against the shared test Meilisearch.
 */
export default async function setup(project: TestProject) {
  // Under the lock the integration tests build under: `npm test` runs both suites at once.
  ensureFreshBuild();
  const dataDir = path.resolve("test-data", `e2e-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const meili = project.getProvidedContext().meili;
  const tiles = await startTileStub();
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      PORT: String(port),
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.key,
      MEILI_INDEX_PREFIX: `e2e${process.pid}_`,
      OUTBOX_INTERVAL_MS: "50",
      LOGIN_LIMIT_PER_IP: "1000",
      MAP_TILE_URL: `${tiles.url}/{z}/{x}/{y}.png`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (output.includes("Luotsi is running")) break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("e2eDataDir", dataDir);
  project.provide("tileStubUrl", tiles.url);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await tiles.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
