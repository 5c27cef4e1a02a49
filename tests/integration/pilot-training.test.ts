import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, pilots, pilotTrainings, settings } from "#db/schema.ts";
import { getDb, migrationsFolder, openDatabase } from "#app/infra/db.server.ts";
import { getInterestMatcher } from "#app/modules/interests/interests.server.ts";
import { importData } from "#app/modules/import/import.server.ts";
import { loadParticipantForMatching } from "#app/modules/matching/match-facts.server.ts";
import {
  checkOf,
  passes,
  pilotAvailability,
  type PilotFacts,
} from "#app/modules/matching/match-rules.ts";
import { rankCandidates } from "#app/modules/matching/matching-rank.server.ts";
import { pilotShortageFor } from "#app/modules/needs/pilot-shortage.server.ts";
import { saveParticipant } from "#app/modules/participants/participants.server.ts";
import { listTrainingsOfPilots } from "#app/modules/pilots/pilot-trainings.server.ts";
import { onlyTrainedPilots } from "#app/modules/settings/settings.server.ts";
import { writeTransaction } from "#app/infra/db.server.ts";
import * as shortagePage from "#app/routes/admin.pilots.tsx";
import * as trainingsPage from "#app/routes/staff.pilots.trainings.tsx";
import {
  BASE,
  callRoute,
  createOrganization,
  createPilot,
  createUser,
  prepareDatabase,
  system,
} from "../factories/index.ts";

/**
 * Pilots are recruited and trained (issue #17, part 3): the training status
 * as a hard rule of the rulebook with the coordinator's switch, the import's
 * optional status, the migration of the old course and date into training
 * records, and the coordinator's shortage view on a fixture counted by hand.
 */

const facts = (over: Partial<PilotFacts>): PilotFacts => ({
  organizationId: 1,
  trainingStatus: "trained",
  onlyTrained: true,
  acceptingMentees: true,
  activeMentees: 0,
  capacity: 2,
  languages: ["fi"],
  municipality: "Parikkala",
  point: undefined,
  schedule: [],
  interestKeys: [],
  interestText: "",
  ...over,
});

let admin: Awaited<ReturnType<typeof createUser>>;
let staff: Awaited<ReturnType<typeof createUser>>;
let org: { id: number; ref: string };

beforeAll(async () => {
  prepareDatabase();
  org = createOrganization({ municipality: "Parikkala" });
  admin = await createUser("admin", null);
  staff = await createUser("staff", org.id);
});

describe("only trained pilots are suggested", () => {
  it("the rulebook: interested and in-training pilots fail 'trained' while the switch is on", () => {
    for (const status of ["interested", "in-training"] as const) {
      const checks = pilotAvailability(facts({ trainingStatus: status }));
      expect(checkOf(checks, "trained")).toEqual({ rule: "trained", ok: false, status });
      expect(passes(checks)).toBe(false);
      // Off: the rule is not applied at all.
      const off = pilotAvailability(facts({ trainingStatus: status, onlyTrained: false }));
      expect(checkOf(off, "trained")).toBeUndefined();
      expect(passes(off)).toBe(true);
    }
    expect(passes(pilotAvailability(facts({ trainingStatus: "trained" })))).toBe(true);
  });

  it("the matcher leaves an untrained pilot out, and suggests them once the coordinator turns the switch off (audited)", async () => {
    const db = getDb();
    const matcher = getInterestMatcher(db);
    const trained = createPilot(org.id, { trainingStatus: "trained", interests: ["kalastus"] });
    const learning = createPilot(org.id, {
      trainingStatus: "in-training",
      interests: ["kalastus"],
    });
    writeTransaction((tx) =>
      saveParticipant(
        tx,
        system,
        {
          ref: "p-trained-rule",
          organizationId: org.id,
          fields: {
            municipality: "Parikkala",
            gender: "unknown",
            birthYear: null,
            languages: ["fi"],
            interests: ["kalastus"],
            interestText: null,
            wantsPilot: true,
            needs: {},
            schedule: [{ weekday: 6, start: "09:00", end: "15:00" }],
            maxDistanceKm: null,
          },
        },
        matcher,
      ),
    );
    const suggested = () =>
      rankCandidates(
        loadParticipantForMatching("p-trained-rule", db, matcher)!,
        { activityIds: [], pilotIds: [trained.id, learning.id] },
        { limit: 50, lang: "fi" },
        matcher,
        db,
      ).pilots.map((p) => p.ref);

    expect(onlyTrainedPilots()).toBe(true);
    expect(suggested()).toEqual([trained.ref]);

    // Staff cannot reach the switch; bad input changes nothing.
    const denied = await callRoute(
      shortagePage.action,
      staff.id,
      `${BASE}/admin/pilots`,
      {},
      {
        onlyTrained: "off",
      },
    );
    expect(denied.status).toBe(403);
    const bad = await callRoute(
      shortagePage.action,
      admin.id,
      `${BASE}/admin/pilots`,
      {},
      {
        onlyTrained: "maybe",
      },
    );
    expect(bad.status).toBe(400);
    expect(db.select().from(settings).all()).toEqual([]);

    const off = await callRoute(
      shortagePage.action,
      admin.id,
      `${BASE}/admin/pilots`,
      {},
      {
        onlyTrained: "off",
      },
    );
    expect(off.status).toBe(200);
    expect(onlyTrainedPilots()).toBe(false);
    expect(suggested().sort()).toEqual([trained.ref, learning.ref].sort());
    const audit = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "settings.update"), eq(auditLog.actorUserId, admin.id)))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: "matching.onlyTrainedPilots", context: "off" });

    await callRoute(
      shortagePage.action,
      admin.id,
      `${BASE}/admin/pilots`,
      {},
      { onlyTrained: "on" },
    );
    expect(onlyTrainedPilots()).toBe(true);
    expect(suggested()).toEqual([trained.ref]);
  });
});

describe("the import's optional trainingStatus", () => {
  it("a pilot without a status counts as trained; a status is kept; a re-import without one keeps it; a bad one writes nothing", () => {
    const db = getDb();
    const file = (pilotsOf: Record<string, unknown>[]) => ({
      organizations: [
        { ref: "org-import-training", name: "Koulutusyhdistys", municipality: "Imatra" },
      ],
      pilots: pilotsOf.map((p) => ({
        organizationRef: "org-import-training",
        displayName: "Sari",
        municipality: "Imatra",
        languages: ["fi"],
        capacity: 2,
        acceptingMentees: true,
        ...p,
      })),
    });
    expect(
      importData(
        file([{ ref: "pilot-imp-old" }, { ref: "pilot-imp-new", trainingStatus: "in-training" }]),
        system,
      ).ok,
    ).toBe(true);
    const status = (ref: string) =>
      db.select({ s: pilots.trainingStatus }).from(pilots).where(eq(pilots.ref, ref)).get()?.s;
    expect(status("pilot-imp-old")).toBe("trained");
    expect(status("pilot-imp-new")).toBe("in-training");
    expect(importData(file([{ ref: "pilot-imp-new" }]), system).ok).toBe(true);
    expect(status("pilot-imp-new")).toBe("in-training");
    const bad = importData(file([{ ref: "pilot-imp-bad", trainingStatus: "expert" }]), system);
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain("trainingStatus");
    expect(status("pilot-imp-bad")).toBeUndefined();
  });

  it("the example file still imports, and its pilots count as trained", () => {
    const sample = JSON.parse(fs.readFileSync("examples/import-sample.json", "utf8"));
    expect(importData(sample, system).ok).toBe(true);
    const rows = getDb()
      .select()
      .from(pilots)
      .all()
      .filter((p) => p.ref.startsWith("pilot-sample-"));
    expect(rows.length).toBe(3);
    expect(rows.every((p) => p.trainingStatus === "trained")).toBe(true);
  });
});

describe("the migration moves the old training course and date into training records", () => {
  it("one event per organization, date and topic, with its attendees; the columns go; everyone counts as trained", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "luotsi-migration-"));
    try {
      // The migrations up to the one before (0009): a database of the last release.
      const before = path.join(dir, "migrations");
      fs.cpSync(migrationsFolder(), before, { recursive: true });
      const journalFile = path.join(before, "meta/_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8"));
      const at = journal.entries.findIndex((e: { tag: string }) => e.tag === "0010_pilot_training");
      expect(at).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, at);
      fs.writeFileSync(journalFile, JSON.stringify(journal));
      const db = openDatabase(path.join(dir, "old.db"));
      migrate(db, { migrationsFolder: before });
      const sqlite = db.$client;
      sqlite.exec(`
        insert into organizations (ref, name, municipality) values ('org-a', 'A', 'Imatra'), ('org-b', 'B', 'Imatra');
        insert into pilots (ref, organization_id, display_name, municipality, languages, capacity, accepting_mentees, training_course, training_date, created_at)
        values
          ('p1', 1, 'Eeva', 'Imatra', '["fi"]', 2, 1, 'Luotsikoulutus', '2026-03-14', 1767225600000),
          ('p2', 1, 'Aapo', 'Imatra', '["fi"]', 2, 1, 'Luotsikoulutus', '2026-03-14', 1767225600000),
          ('p3', 2, 'Iida', 'Imatra', '["fi"]', 2, 1, 'Luotsikoulutus', '2026-03-14', 1767225600000),
          ('p4', 1, 'Olli', 'Imatra', '["fi"]', 2, 1, 'Ensiapu', null, 1767225600000),
          ('p5', 1, 'Ulla', 'Imatra', '["fi"]', 2, 1, null, '2025-11-02', 1767225600000),
          ('p6', 1, 'Kaisa', 'Imatra', '["fi"]', 2, 0, '  ', null, 1767225600000),
          ('p7', 2, 'Timo', 'Imatra', '["fi"]', 2, 1, null, null, 1767225600000);
      `);
      migrate(db, { migrationsFolder: migrationsFolder() });

      const columns = (sqlite.prepare("pragma table_info(pilots)").all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(columns).toContain("training_status");
      expect(columns).not.toContain("training_course");
      expect(columns).not.toContain("training_date");
      const statuses = db.select({ s: pilots.trainingStatus }).from(pilots).all();
      expect(statuses.every((r) => r.s === "trained")).toBe(true);

      const events = sqlite
        .prepare(
          `select t.organization_id as org, t.date, t.topic,
                  group_concat(p.ref, ',' order by p.ref) as who
           from pilot_trainings t join pilot_training_attendees a on a.training_id = t.id
           join pilots p on p.id = a.pilot_id
           group by t.id order by t.organization_id, t.date, t.topic`,
        )
        .all();
      expect(events).toEqual([
        // A course without a date is dated by the profile's creation day (1 January 2026).
        { org: 1, date: "2025-11-02", topic: "Toimintaluotsikoulutus", who: "p5" },
        { org: 1, date: "2026-01-01", topic: "Ensiapu", who: "p4" },
        { org: 1, date: "2026-03-14", topic: "Luotsikoulutus", who: "p1,p2" },
        { org: 2, date: "2026-03-14", topic: "Luotsikoulutus", who: "p3" },
      ]);
      // A blank course with no date, or nothing at all, is no training.
      expect(sqlite.prepare("select count(*) as n from pilot_trainings").get()).toEqual({ n: 4 });
      db.$client.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the records are listed per pilot, newest first", () => {
    const p = createPilot(org.id, {
      trainingCourse: "Luotsin peruskurssi",
      trainingDate: "2026-02-01",
    });
    // A second course on the form adds a second record; the same one again adds nothing.
    const again = createPilot(org.id, {
      ref: p.ref,
      trainingCourse: "Ensiapu",
      trainingDate: "2026-05-20",
    });
    expect(again.id).toBe(p.id);
    createPilot(org.id, { ref: p.ref, trainingCourse: "Ensiapu", trainingDate: "2026-05-20" });
    expect(listTrainingsOfPilots([p.id]).get(p.id)).toEqual([
      { date: "2026-05-20", topic: "Ensiapu", organizationId: org.id },
      { date: "2026-02-01", topic: "Luotsin peruskurssi", organizationId: org.id },
    ]);
  });
});

describe("the coordinator's pilot shortage view", () => {
  it("counts participants who want a pilot against free places, hides groups of 1–4 and their differences", async () => {
    const db = getDb();
    const matcher = getInterestMatcher(db);
    // Before: the import above and the rule test wrote pilots and one participant; the
    // fixture uses its own municipalities so the counts are this test's alone.
    const person = (ref: string, municipality: string, wantsPilot: boolean) =>
      writeTransaction((tx) =>
        saveParticipant(
          tx,
          system,
          {
            ref,
            organizationId: org.id,
            fields: {
              municipality,
              gender: "unknown",
              birthYear: null,
              languages: ["fi"],
              interests: [],
              interestText: null,
              wantsPilot,
              needs: {},
              schedule: [],
              maxDistanceKm: null,
            },
          },
          matcher,
        ),
      );
    // Ruokolahti: 7 want a pilot, 2 do not. Rautjärvi: 3 want one (hidden).
    for (let i = 0; i < 7; i++) person(`p-short-ruo-${i}`, "Ruokolahti", true);
    for (let i = 0; i < 2; i++) person(`p-short-ruo-no-${i}`, "Ruokolahti", false);
    for (let i = 0; i < 3; i++) person(`p-short-rau-${i}`, "Rautjärvi", true);
    // Pilots in Ruokolahti: trained 2 free (3 - 1), trained not accepting, in training 2 free.
    createPilot(org.id, { municipality: "Ruokolahti", capacity: 3, activeMentees: 1 });
    createPilot(org.id, { municipality: "Ruokolahti", acceptingMentees: false });
    createPilot(org.id, {
      municipality: "Ruokolahti",
      capacity: 2,
      activeMentees: 0,
      trainingStatus: "in-training",
    });
    createPilot(org.id, {
      municipality: "Rautjärvi",
      capacity: 1,
      activeMentees: 0,
      trainingStatus: "interested",
    });

    const view = pilotShortageFor(admin, "fi")!;
    const row = (m: string) => view.rows.find((r) => r.municipality === m)!;
    expect(row("Ruokolahti")).toMatchObject({
      wanting: 7,
      freePlaces: 2,
      shortage: 5,
      onTheirWay: 1,
    });
    // Three people: hidden, and so is the shortage that would give them back.
    expect(row("Rautjärvi")).toMatchObject({
      wanting: null,
      shortage: null,
      freePlaces: 0,
      onTheirWay: 1,
    });
    // No shown number minus the other shown numbers of its column is a group of 1–4.
    const shown = view.rows.filter((r) => r.municipality !== "*" && r.wanting != null);
    const total = row("*").wanting;
    if (total != null) {
      const rest = total - shown.reduce((s, r) => s + r.wanting!, 0);
      expect(rest === 0 || rest >= 5).toBe(true);
    }
    // The view is the coordinator's: staff and workers are refused, the read is audited.
    expect(pilotShortageFor(staff, "fi")).toBeUndefined();
    expect(
      (await callRoute(shortagePage.loader, staff.id, `${BASE}/admin/pilots`, {})).status,
    ).toBe(403);
    expect(
      db.select().from(auditLog).where(eq(auditLog.entityType, "pilot-shortage")).all().length,
    ).toBeGreaterThan(0);

    // With the switch off, pilots in training count as free places too.
    await callRoute(
      shortagePage.action,
      admin.id,
      `${BASE}/admin/pilots`,
      {},
      { onlyTrained: "off" },
    );
    expect(
      pilotShortageFor(admin, "fi")!.rows.find((r) => r.municipality === "Ruokolahti"),
    ).toMatchObject({
      freePlaces: 4,
      shortage: 3,
    });
    await callRoute(
      shortagePage.action,
      admin.id,
      `${BASE}/admin/pilots`,
      {},
      { onlyTrained: "on" },
    );
  });
});

describe("training records: staff record their organization's, the coordinator the coordinator's", () => {
  it("records who attended and marks them trained in one audited write; another organization's pilot or bad input writes nothing", async () => {
    const db = getDb();
    const other = createOrganization({ municipality: "Imatra" });
    const outsider = createPilot(other.id, { trainingStatus: "interested" });
    const a = createPilot(org.id, { displayName: "Anni", trainingStatus: "in-training" });
    const b = createPilot(org.id, { displayName: "Bertta", trainingStatus: "interested" });
    const count = () => db.select().from(pilotTrainings).all().length;
    const before = count();
    const url = `${BASE}/staff/pilots/trainings`;
    const form = (over: Record<string, string | string[]>) => {
      const f = new URLSearchParams({
        date: "2026-11-20",
        topic: "Luotsin peruskurssi",
        markTrained: "on",
      });
      for (const [k, v] of Object.entries(over)) {
        f.delete(k);
        for (const x of [v].flat()) f.append(k, x);
      }
      return f;
    };
    // Another organization's pilot among the attendees: nothing is written.
    const mixed = await callRoute(
      trainingsPage.action,
      staff.id,
      url,
      {},
      form({ attendees: [a.ref, outsider.ref] }),
    );
    expect(mixed.status).toBe(400);
    expect(JSON.stringify(mixed.body)).toContain("attendees");
    // Bad input: a date that is not one, no topic, nobody.
    for (const bad of [
      form({ attendees: a.ref, date: "20.11.2026" }),
      form({ attendees: a.ref, topic: "" }),
      form({ attendees: [] }),
    ])
      expect((await callRoute(trainingsPage.action, staff.id, url, {}, bad)).status).toBe(400);
    expect(count()).toBe(before);
    expect(status(a.id)).toBe("in-training");
    // Workers and pilots cannot record trainings.
    const worker = await createUser("worker", org.id);
    expect(
      (await callRoute(trainingsPage.action, worker.id, url, {}, form({ attendees: a.ref })))
        .status,
    ).toBe(403);

    const ok = await callRoute(
      trainingsPage.action,
      staff.id,
      url,
      {},
      form({ attendees: [a.ref, b.ref] }),
    );
    expect(ok.status).toBe(200);
    expect(count()).toBe(before + 1);
    expect([status(a.id), status(b.id)]).toEqual(["trained", "trained"]);
    const audits = db.select().from(auditLog).where(eq(auditLog.actorUserId, staff.id)).all();
    expect(audits.map((r) => r.action)).toEqual(
      expect.arrayContaining(["pilot.training", "pilot.update"]),
    );

    // The coordinator's training: the other organization's pilot too, no organization of its own.
    const coord = await callRoute(
      trainingsPage.action,
      admin.id,
      url,
      {},
      form({
        attendees: [a.ref, outsider.ref],
        topic: "Koordinaattorin luotsipäivä",
        markTrained: "",
      }),
    );
    expect(coord.status).toBe(200);
    expect(status(outsider.id)).toBe("interested");
    // Staff see it, with only their own pilot by name.
    const page = await callRoute(trainingsPage.loader, staff.id, url, {});
    const events = page.body.events as {
      topic: string;
      organizationId: number | null;
      attendees: { displayName: string }[];
      attendeeCount: number;
    }[];
    const seen = events.find((e) => e.topic === "Koordinaattorin luotsipäivä")!;
    expect(seen).toMatchObject({ organizationId: null, attendeeCount: 2 });
    expect(seen.attendees.map((x) => x.displayName)).toEqual(["Anni"]);
    expect(JSON.stringify(page.body)).not.toContain(outsider.ref);
  });
});

function status(id: number) {
  return getDb().select({ s: pilots.trainingStatus }).from(pilots).where(eq(pilots.id, id)).get()
    ?.s;
}
