import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, writeTransaction } from "#app/infra/db.server.ts";
import { createMeiliClient, indexUid } from "#app/infra/meili.server.ts";
import { countOutbox } from "#app/infra/outbox.server.ts";
import { saveActivity } from "#app/modules/catalog/catalog.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { startBundledMeili, type BundledMeili } from "../../scripts/lib/meili-process.ts";
import {
  activityFields,
  createActivity,
  createOrganization,
  prepareDatabase,
  system,
} from "../factories/index.ts";

/** This file runs its own Meilisearch so that it can stop and restart it. */
let meili: BundledMeili;
let dataDir: string;

beforeAll(async () => {
  prepareDatabase();
  dataDir = path.join(getEnv().dataDir, "own-meili");
  meili = await startBundledMeili({ dataDir, record: false });
});

afterAll(async () => {
  await meili?.stop();
});

describe("search outbox", () => {
  it("keeps edits while Meilisearch is down and delivers them after a restart", async () => {
    const client = () => createMeiliClient({ url: meili.url, key: meili.key }, 1_000);
    await ensureIndexes(client());
    const org = createOrganization();
    const a = createActivity(org.id, { title: "Lautapeli-ilta", interests: ["lautapelit"] });
    expect((await drainOutbox({ client: client() })).error).toBeUndefined();
    const index = () => client().index(indexUid("activities"));
    expect((await index().getDocument(a.id)).title).toBe("Lautapeli-ilta");

    const port = Number(new URL(meili.url).port);
    await meili.stop();
    writeTransaction((tx) =>
      saveActivity(tx, system, {
        ref: a.ref,
        organizationId: org.id,
        fields: activityFields({
          title: "Lautapeli- ja korttipeli-ilta",
          interests: ["lautapelit"],
        }),
      }),
    );
    const failed = await drainOutbox({ client: client() });
    expect(failed.error).toBeDefined();
    expect(countOutbox(getDb())).toBeGreaterThan(0);

    meili = await startBundledMeili({ dataDir, record: false, port });
    const delivered = await drainOutbox({ client: client() });
    expect(delivered.error).toBeUndefined();
    expect(countOutbox(getDb())).toBe(0);
    expect((await index().getDocument(a.id)).title).toBe("Lautapeli- ja korttipeli-ilta");
  }, 120_000);
});
