import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { getMeili, indexUid } from "#app/infra/meili.server.ts";
import { formatIssue, importData } from "#app/modules/import/import.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { prepareDatabase, system } from "../factories/index.ts";

const count = (table: string) =>
  getDb().get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;

const org = { ref: "org-imp", name: "Tuontiyhdistys ry", municipality: "Savonlinna" };
const activity = {
  ref: "act-imp-1",
  organizationRef: "org-imp",
  title: "Onkiretki",
  interests: ["onkiminen", "kalastus"],
  kind: "outing",
  municipality: "Nyslott",
  schedule: [{ weekday: 6, start: "10:00", end: "13:00" }],
  threshold: { free: true },
  status: "open",
};

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
});

describe("import (docs/import-format.md)", () => {
  it("upserts by ref and is idempotent", () => {
    const first = importData({ organizations: [org], activities: [activity] }, system);
    expect(first.ok && first.counts.activities).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const again = importData({ organizations: [org], activities: [activity] }, system);
    expect(again.ok && again.counts.activities).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(again.ok && again.counts.organizations).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    const changed = importData(
      { activities: [{ ...activity, title: "Onkiretki Saimaalle" }] },
      system,
    );
    expect(changed.ok && changed.counts.activities).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    // Stored under the Finnish name even when the file says Nyslott.
    expect(
      getDb().get<{ m: string }>(
        sql`select municipality as m from activities where ref = 'act-imp-1'`,
      )!.m,
    ).toBe("Savonlinna");
  });

  it("writes nothing when any record is bad, and names each problem", () => {
    const before = {
      orgs: count("organizations"),
      acts: count("activities"),
      outbox: count("search_outbox"),
      audit: count("audit_log"),
    };
    const result = importData(
      {
        organizations: [{ ref: "org-new", name: "Uusi ry", municipality: "Atlantis" }],
        activities: [
          { ...activity, ref: "act-ok", organizationRef: "org-new" },
          {
            ...activity,
            ref: "act-bad",
            schedule: [{ weekday: 8, start: "19:00", end: "18:00" }],
            minAge: 30,
            maxAge: 20,
          },
          { ...activity, ref: "act-unknown-org", organizationRef: "org-missing" },
          { ...activity, ref: "act-extra", colour: "blue" },
        ],
      },
      system,
    );
    expect(result.ok).toBe(false);
    const lines = !result.ok ? result.issues.map(formatIssue) : [];
    expect(lines).toContain(
      'organizations[0] org-new: municipality: unknown Finnish municipality "Atlantis"',
    );
    expect(lines.some((l) => l.startsWith("activities[1] act-bad: schedule.0.weekday:"))).toBe(
      true,
    );
    expect(
      lines.some((l) =>
        l.startsWith("activities[1] act-bad: schedule.0.end: end must be after start"),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith("activities[1] act-bad: maxAge:"))).toBe(true);
    expect(
      lines.some((l) =>
        l.startsWith("activities[2] act-unknown-org: organizationRef: unknown organization"),
      ),
    ).toBe(true);
    expect(
      lines.some((l) => l.startsWith("activities[3] act-extra:") && l.includes("colour")),
    ).toBe(true);
    expect({
      orgs: count("organizations"),
      acts: count("activities"),
      outbox: count("search_outbox"),
      audit: count("audit_log"),
    }).toEqual(before);
  });

  it("takes how to join and a contact person, optional: a file without them stays valid", () => {
    const joining = {
      ...activity,
      ref: "act-imp-join",
      howToJoin: "Soita ensin, niin sovitaan tutustumiskerta.",
      contact: { name: "Anna", email: "anna@example.fi" },
    };
    const r = importData({ organizations: [org], activities: [activity, joining] }, system);
    expect(r.ok).toBe(true);
    expect(
      getDb().get(
        sql`select how_to_join as h, contact_name as n, contact_phone as p, contact_email as e from activities where ref = 'act-imp-join'`,
      ),
    ).toEqual({
      h: "Soita ensin, niin sovitaan tutustumiskerta.",
      n: "Anna",
      p: null,
      e: "anna@example.fi",
    });
    expect(
      getDb().get(
        sql`select how_to_join as h, contact_phone as p from activities where ref = 'act-imp-1'`,
      ),
    ).toEqual({ h: null, p: null });
    const bad = importData({ activities: [{ ...joining, contact: { name: "Anna" } }] }, system);
    expect(!bad.ok && bad.issues.map(formatIssue).join("\n")).toContain(
      "activities[0] act-imp-join: contact.phone: give the contact a phone number or an e-mail address",
    );
  });

  it("refuses unknown top-level keys and duplicate refs", () => {
    const r = importData({ activites: [] }, system);
    expect(!r.ok && r.issues.map(formatIssue)[0]).toContain("unknown key(s) activites");
    const dup = importData({ activities: [activity, activity] }, system);
    expect(!dup.ok && dup.issues.map(formatIssue).join("\n")).toContain("duplicate ref");
  });

  it("accepts the sample file's organizations, activities and pilots", async () => {
    const sample = JSON.parse(fs.readFileSync(path.resolve("examples/import-sample.json"), "utf8"));
    const { participants: _p, ...withoutParticipants } = sample;
    const r = importData(withoutParticipants, system);
    expect(r.ok, !r.ok ? r.issues.map(formatIssue).join("\n") : "").toBe(true);
    await drainOutbox();
    const doc = await getMeili()!
      .index(indexUid("pilots"))
      .search("", { filter: ["suggestable = true"] });
    expect(doc.hits.map((h) => h.ref)).toContain("pilot-sample-1");
    expect(doc.hits.map((h) => h.ref)).not.toContain("pilot-sample-2"); // full
    expect(doc.hits.map((h) => h.ref)).not.toContain("pilot-sample-3"); // not accepting
  });
});

describe("npm run data:import (the command)", () => {
  const run = (args: string[]) =>
    spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/import.ts", ...args], {
      env: { ...process.env, INIT_CWD: getEnv().dataDir },
      encoding: "utf8",
    });

  it("prints counts on stdout, exits 0, and the index is in sync", async () => {
    const file = path.join(getEnv().dataDir, "file.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        organizations: [org],
        activities: [{ ...activity, ref: "act-cli", title: "Kalapaikka" }],
      }),
    );
    const r = run(["file.json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("activities: 1 created, 0 updated, 0 unchanged");
    expect(r.stdout).not.toMatch(/sync|Meili/);
    const hits = await getMeili()!.index(indexUid("activities")).search("Kalapaikka");
    expect(hits.hits.map((h) => h.ref)).toContain("act-cli");
  }, 120_000);

  it("exits 1 with field-level lines on stderr for a bad file, and 1 for unreadable JSON", () => {
    const file = path.join(getEnv().dataDir, "bad.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ activities: [{ ...activity, ref: "act-x", kind: "party" }] }),
    );
    const r = run(["bad.json"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("activities[0] act-x: kind:");
    expect(r.stdout).toBe("");
    fs.writeFileSync(path.join(getEnv().dataDir, "broken.json"), "{ nope");
    expect(run(["broken.json"]).status).toBe(1);
    expect(run([]).status).toBe(1);
  }, 120_000);

  it("commits and exits 2 when Meilisearch cannot be reached; the index catches up later", async () => {
    const file = path.join(getEnv().dataDir, "down.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ activities: [{ ...activity, ref: "act-down", title: "Kalasauna" }] }),
    );
    const r = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/import.ts", "down.json"], {
      env: { ...process.env, INIT_CWD: getEnv().dataDir, MEILI_URL: "http://127.0.0.1:9" },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("will catch up");
    expect(
      getDb().get<{ n: number }>(sql`select count(*) as n from activities where ref = 'act-down'`)!
        .n,
    ).toBe(1);
    await drainOutbox();
    const hits = await getMeili()!.index(indexUid("activities")).search("Kalasauna");
    expect(hits.hits.map((h) => h.ref)).toContain("act-down");
  }, 120_000);
});
