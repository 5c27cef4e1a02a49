import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { getEnv, resetEnvCache } from "#app/infra/env.server.ts";
import { startBundledMeili, type BundledMeili } from "../../scripts/lib/meili-process.ts";

let meili: BundledMeili | undefined;
afterAll(async () => {
  await meili?.stop();
});

it("starts the bundled Meilisearch with a generated key that begins with '-'", async () => {
  // One fresh data folder in 64 got such a key, and Meilisearch read it as a flag.
  delete process.env.MEILI_MASTER_KEY;
  resetEnvCache();
  const dataDir = path.join(getEnv().dataDir, "dash-key-meili");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, "meili-master-key"), "-_starts-with-a-dash-0123456789");
  meili = await startBundledMeili({ dataDir, record: false });
  expect(meili.key).toBe("-_starts-with-a-dash-0123456789");
  const withKey = await fetch(`${meili.url}/keys`, {
    headers: { Authorization: `Bearer ${meili.key}` },
  });
  expect(withKey.status).toBe(200);
  expect((await fetch(`${meili.url}/keys`)).status).toBe(401);
});
