import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { participants, pathSteps, searchOutbox } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import { formatIssue, importData } from "#app/modules/import/import.server.ts";
import { createOrganization, prepareDatabase, system } from "../factories/index.ts";

const sample = () =>
  JSON.parse(fs.readFileSync(path.resolve("examples/import-sample.json"), "utf8")) as Record<
    string,
    Record<string, unknown>[]
  >;

const n = (table: typeof participants | typeof pathSteps | typeof searchOutbox) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;

const issuesOf = (r: ReturnType<typeof importData>) =>
  r.ok ? "" : r.issues.map(formatIssue).join("\n");

let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };

function participant(overrides: Record<string, unknown> = {}) {
  return {
    ref: "p-imp-1",
    organizationRef: orgA.ref,
    municipality: "Parikkala",
    gender: "male",
    birthYear: 1994,
    languages: ["fi"],
    interests: ["kalastaminen", "metsä"],
    interestText: "Tykkää olla luonnossa, ennen kalasti paljon isän kanssa.",
    wantsPilot: true,
    needs: { substanceFree: true },
    schedule: [{ weekday: 2, start: "16:00", end: "20:00" }],
    maxDistanceKm: 30,
    pathSteps: [
      { step: "reached", date: "2026-02-03" },
      { step: "started", date: "2026-02-17" },
      { step: "onward", date: "2026-06-01", onwardPath: "work-trial" },
      { step: "ended", date: "2026-09-30", endReason: "employed" },
    ],
    ...overrides,
  };
}

beforeAll(() => {
  prepareDatabase();
  orgA = createOrganization({ municipality: "Parikkala" });
  orgB = createOrganization({ municipality: "Savonlinna" });
});

describe("importing participants (docs/import-format.md)", () => {
  it("imports the contract's sample file whole, and a second time changes nothing", () => {
    const first = importData(sample(), system);
    expect(first.ok, issuesOf(first)).toBe(true);
    expect(first.ok && first.counts.participants).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const p1 = getDb().select().from(participants).where(eq(participants.ref, "p-sample-1")).get()!;
    expect(p1.interestKeys).toContain("ice-fishing");
    expect(p1.responsibleWorkerId).toBeNull();
    const p2 = getDb().select().from(participants).where(eq(participants.ref, "p-sample-2")).get()!;
    expect(p2.interestKeys).toContain("gym");
    const steps = n(pathSteps);
    const again = importData(sample(), system);
    expect(again.ok && again.counts.participants).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(n(pathSteps)).toBe(steps);
  });

  it("upserts by ref: a changed field is replaced, an omitted optional field is unset", () => {
    expect(importData({ participants: [participant()] }, system).ok).toBe(true);
    const r = importData(
      {
        participants: [
          participant({ birthYear: null, maxDistanceKm: undefined, interests: ["kuntosali"] }),
        ],
      },
      system,
    );
    expect(r.ok && r.counts.participants).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const row = getDb().select().from(participants).where(eq(participants.ref, "p-imp-1")).get()!;
    expect(row.birthYear).toBeNull();
    expect(row.maxDistanceKm).toBeNull();
    expect(row.interestKeys).toEqual(expect.arrayContaining(["gym", "fishing"]));
  });

  it("merges path steps by (step, date, onwardPath, endReason): never doubled, never deleted", () => {
    const id = getDb().select().from(participants).where(eq(participants.ref, "p-imp-1")).get()!.id;
    const stepsOf = () =>
      getDb()
        .select()
        .from(pathSteps)
        .where(eq(pathSteps.participantId, id))
        .all()
        .map((s) => `${s.step}|${s.date}|${s.onwardPath}|${s.endReason}`)
        .sort();
    expect(stepsOf()).toEqual([
      "ended|2026-09-30||employed",
      "onward|2026-06-01|work-trial|",
      "reached|2026-02-03||",
      "started|2026-02-17||",
    ]);
    const r = importData(
      {
        participants: [
          participant({
            pathSteps: [
              { step: "reached", date: "2026-02-03" },
              { step: "reached", date: "2026-02-03" },
              { step: "onward", date: "2026-06-01", onwardPath: "education" },
            ],
          }),
        ],
      },
      system,
    );
    expect(r.ok, issuesOf(r)).toBe(true);
    expect(r.ok && r.counts.participants.updated).toBe(1);
    expect(stepsOf()).toHaveLength(5);
    expect(stepsOf()).toContain("onward|2026-06-01|education|");
    expect(stepsOf()).toContain("ended|2026-09-30||employed");
  });

  it("refuses to move a participant to another organization, and writes nothing", () => {
    const before = getDb()
      .select()
      .from(participants)
      .where(eq(participants.ref, "p-imp-1"))
      .get()!;
    const r = importData(
      {
        activities: [
          {
            ref: "act-imp-ok",
            organizationRef: orgB.ref,
            title: "Kahvila",
            kind: "group",
            municipality: "Savonlinna",
            status: "open",
          },
        ],
        participants: [participant({ organizationRef: orgB.ref })],
      },
      system,
    );
    expect(r.ok).toBe(false);
    expect(issuesOf(r)).toContain(
      "participants[0] p-imp-1: organizationRef: organizationRef cannot change",
    );
    const after = getDb().select().from(participants).where(eq(participants.ref, "p-imp-1")).get()!;
    expect(after).toEqual(before);
    expect(
      getDb()
        .$client.prepare("select count(*) from activities where ref = 'act-imp-ok'")
        .pluck()
        .get(),
    ).toBe(0);
  });

  it.each([
    [{ municipality: "Atlantis" }, "municipality: unknown Finnish municipality"],
    [{ languages: [] }, "languages"],
    [{ languages: undefined }, "languages"],
    [{ interests: undefined }, "interests"],
    [{ interests: [], interestText: null }, "interests"],
    [{ interests: "kalastus" }, "interests"],
    [{ gender: "robot" }, "gender"],
    [{ birthYear: 1994.5 }, "birthYear"],
    [{ maxDistanceKm: -1 }, "maxDistanceKm"],
    [{ ref: "010190-123A" }, "ref: ref must be pseudonymous"],
    [{ organizationRef: "org-nowhere" }, "organizationRef: unknown organization"],
    [{ needs: { wings: true } }, "needs"],
    [{ schedule: [{ weekday: 2, start: "20:00", end: "16:00" }] }, "schedule.0.end"],
    [{ nickname: "Jussi" }, "unknown key(s) nickname"],
    [
      { pathSteps: [{ step: "reached", date: "2999-01-01" }] },
      "pathSteps.0.date: date cannot be in the future",
    ],
    [{ pathSteps: [{ step: "reached", date: "2026-13-01" }] }, "pathSteps.0.date"],
    [
      { pathSteps: [{ step: "onward", date: "2026-01-01" }] },
      "pathSteps.0.onwardPath: onwardPath is required",
    ],
    [
      { pathSteps: [{ step: "ended", date: "2026-01-01" }] },
      "pathSteps.0.endReason: endReason is required",
    ],
    [
      { pathSteps: [{ step: "reached", date: "2026-01-01", endReason: "moved" }] },
      "pathSteps.0.endReason: endReason is only for step ended",
    ],
    [
      { pathSteps: [{ step: "started", date: "2026-01-01", onwardPath: "education" }] },
      "pathSteps.0.onwardPath: onwardPath is only for step onward",
    ],
    [{ pathSteps: [{ step: "flying", date: "2026-01-01" }] }, "pathSteps.0.step"],
  ])("refuses %j and writes nothing at all", (change, message) => {
    const counts = [n(participants), n(pathSteps), n(searchOutbox)];
    const r = importData(
      {
        organizations: [{ ref: "org-imp-new", name: "Uusi ry", municipality: "Vaasa" }],
        participants: [
          participant({ ref: "p-imp-bad", ...change }),
          participant({ ref: "p-imp-fine" }),
        ],
      },
      system,
    );
    expect(r.ok).toBe(false);
    expect(issuesOf(r)).toContain(message);
    expect(issuesOf(r)).toMatch(/^participants\[0\] /m);
    expect([n(participants), n(pathSteps), n(searchOutbox)]).toEqual(counts);
    expect(
      getDb()
        .$client.prepare("select count(*) from organizations where ref = 'org-imp-new'")
        .pluck()
        .get(),
    ).toBe(0);
  });

  it("accepts Swedish municipality names, stores the Finnish one, and a step dated today", () => {
    const r = importData(
      {
        participants: [
          participant({
            ref: "p-imp-vasa",
            municipality: "Vasa",
            languages: ["sv"],
            gender: undefined,
            pathSteps: [{ step: "reached", date: todayInFinland() }],
          }),
        ],
      },
      system,
    );
    expect(r.ok, issuesOf(r)).toBe(true);
    const row = getDb()
      .select()
      .from(participants)
      .where(eq(participants.ref, "p-imp-vasa"))
      .get()!;
    expect(row.municipality).toBe("Vaasa");
    expect(row.gender).toBe("unknown");
  });

  it("never puts participant data in the search outbox", () => {
    const before = n(searchOutbox);
    const r = importData({ participants: [participant({ ref: "p-imp-outbox" })] }, system);
    expect(r.ok).toBe(true);
    expect(n(searchOutbox)).toBe(before);
  });

  it("rejects a duplicate ref inside one file", () => {
    const r = importData(
      { participants: [participant({ ref: "p-dup" }), participant({ ref: "p-dup" })] },
      system,
    );
    expect(issuesOf(r)).toContain("duplicate ref");
  });
});
