import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startBundledMeili } from "../../scripts/lib/meili-process.ts";

declare module "vitest" {
  export interface ProvidedContext {
    meili: { url: string; key: string };
  }
}

/**
 * One real Meilisearch for the whole run (the bundled binary); test files
 * isolate themselves by index prefix. MEILI_URL points tests at another server.
 */
export default async function setup(project: TestProject) {
  if (process.env.MEILI_URL) {
    project.provide("meili", {
      url: process.env.MEILI_URL,
      key: process.env.MEILI_MASTER_KEY ?? "",
    });
    return;
  }
  const dataDir = path.resolve("test-data", `meili-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const meili = await startBundledMeili({ dataDir, record: false });
  project.provide("meili", { url: meili.url, key: meili.key });
  return async () => {
    await meili.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
