import { latestMeetingDay } from "#app/modules/attendance/attendance-schema.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { attendance, auditLog, participants, pathSteps, pilots, referrals } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { loader as homeLoader } from "#app/routes/attendance._index.tsx";
import { action, loader } from "#app/routes/attendance.$ref.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createPilot,
  createUser,
  prepareDatabase,
  callRoute,
} from "../factories/index.ts";

type User = Awaited<ReturnType<typeof createUser>>;
let activity: { id: number; ref: string };
let staffA: User;
let staffB: User;
let pilotUser: User;
let participantUser: User;
const people: Record<"own" | "guest" | "pending", { id: number; ref: string }> = {} as never;

function person(organizationId: number, ref: string, nickname: string, userId?: string) {
  return getDb()
    .insert(participants)
    .values({ ref, organizationId, nickname, municipality: "Parikkala", languages: ["fi"], userId })
    .returning()
    .get();
}

function refer(
  participantId: number,
  target: { activityId?: number; pilotId?: number },
  status: "sent" | "accepted",
) {
  getDb()
    .insert(referrals)
    .values({ participantId, ...target, status, expiresAt: new Date(Date.now() + 7 * 86_400_000) })
    .run();
}

const call = (
  fn: typeof loader | typeof action | typeof homeLoader,
  user: User,
  path: string,
  ref: string,
  form?: URLSearchParams,
) => callRoute(fn, user.id, `${BASE}${path}`, { ref }, form);

const sheetNames = (body: Record<string, unknown>) =>
  (body.sheet as { name: string }[]).map((r) => r.name);

let orgB: { id: number; ref: string };
let orgC: { id: number; ref: string };

beforeAll(async () => {
  prepareDatabase();
  const orgA = createOrganization();
  orgB = createOrganization();
  orgC = createOrganization();
  activity = createActivity(orgA.id);
  staffA = await createUser("staff", orgA.id);
  staffB = await createUser("staff", orgB.id);
  pilotUser = await createUser("pilot", orgA.id);
  participantUser = await createUser("participant", orgB.id);
  const pilot = createPilot(orgA.id);
  getDb().update(pilots).set({ userId: pilotUser.id }).where(eq(pilots.id, pilot.id)).run();
  people.own = person(orgA.id, "att-own", "Aino");
  people.guest = person(orgB.id, "att-guest", "Bertta", participantUser.id);
  people.pending = person(orgA.id, "att-pending", "Cecilia");
  refer(people.own.id, { activityId: activity.id }, "accepted");
  refer(people.guest.id, { activityId: activity.id }, "accepted");
  refer(people.pending.id, { activityId: activity.id }, "sent");
  refer(people.guest.id, { pilotId: pilot.id }, "accepted");
});

const url = (q = "") => `/attendance/${activity?.ref}${q}`;

describe("attendance", () => {
  it("audits every person a sheet shows as a read, for staff and pilots alike", async () => {
    const reads = (userId: string) =>
      getDb()
        .select({ participantId: auditLog.participantId, context: auditLog.context })
        .from(auditLog)
        .where(and(eq(auditLog.action, "participant.read"), eq(auditLog.actorUserId, userId)))
        .all();
    const beforeStaff = reads(staffA.id).length;
    await call(loader, staffA, url("?date=2026-03-04"), activity.ref);
    const staffReads = reads(staffA.id).slice(beforeStaff);
    expect(staffReads.map((r) => r.participantId).sort()).toEqual(
      [people.own.id, people.guest.id].sort(),
    );
    expect(new Set(staffReads.map((r) => r.context))).toEqual(new Set(["attendance sheet"]));
    const beforePilot = reads(pilotUser.id).length;
    await call(loader, pilotUser, url("?date=2026-03-04"), activity.ref);
    expect(
      reads(pilotUser.id)
        .slice(beforePilot)
        .map((r) => r.participantId),
    ).toEqual([people.guest.id]);
  });

  it("opens on the group's most recent meeting day, not today", async () => {
    // The factory's activity meets on Tuesdays.
    const weekdays = new Set([2]);
    const r = await call(loader, staffA, url(), activity.ref);
    const date = r.body.date as string;
    const today = todayInFinland();
    expect(date <= today).toBe(true);
    const weekday = ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    expect(weekdays.has(weekday)).toBe(true);
    expect(latestMeetingDay([{ weekday: 2 }], "2026-12-09")).toBe("2026-12-08");
    expect(latestMeetingDay([{ weekday: 2 }, { weekday: 4 }], "2026-12-08")).toBe("2026-12-08");
    expect(latestMeetingDay([{ weekday: 7 }], "2026-12-07")).toBe("2026-12-06");
    expect(latestMeetingDay([], "2026-12-07")).toBe("2026-12-07");
  });

  it("shows staff the people accepted to the activity, by first name only", async () => {
    const r = await call(loader, staffA, url("?date=2026-03-03"), activity.ref);
    expect(r.status).toBe(200);
    expect(sheetNames(r.body)).toEqual(["Aino", "Bertta"]);
  });

  it("marks a session in one save and records the first attendance as a started step", async () => {
    const form = new URLSearchParams([
      ["date", "2026-03-03"],
      ["present", "att-guest"],
    ]);
    const r = await call(action, staffA, url(), activity.ref, form);
    expect(r.status).toBe(200);
    expect(r.body.saved).toBe(1);
    const marks = getDb()
      .select()
      .from(attendance)
      .where(eq(attendance.sessionDate, "2026-03-03"))
      .all();
    expect(marks.map((m) => [m.participantId, m.present]).sort()).toEqual(
      [
        [people.own.id, false],
        [people.guest.id, true],
      ].sort(),
    );
    const steps = getDb()
      .select()
      .from(pathSteps)
      .where(eq(pathSteps.participantId, people.guest.id))
      .all();
    expect(steps.map((s) => [s.step, s.date, s.source])).toEqual([
      ["started", "2026-03-03", "attendance"],
    ]);
    // Correcting the sheet updates the marks, it does not add rows.
    await call(
      action,
      staffA,
      url(),
      activity.ref,
      new URLSearchParams([
        ["date", "2026-03-03"],
        ["present", "att-own"],
      ]),
    );
    const again = getDb()
      .select()
      .from(attendance)
      .where(eq(attendance.sessionDate, "2026-03-03"))
      .all();
    expect(again).toHaveLength(2);
    expect(again.find((m) => m.participantId === people.own.id)?.present).toBe(true);
    expect(again.find((m) => m.participantId === people.guest.id)?.present).toBe(false);
  });

  it("refuses someone not on the sheet and a future day, writing nothing", async () => {
    const count = () =>
      getDb()
        .select({ n: sql<number>`count(*)` })
        .from(attendance)
        .get()!.n;
    const before = count();
    const notOnSheet = await call(
      action,
      staffA,
      url(),
      activity.ref,
      new URLSearchParams([
        ["date", "2026-03-10"],
        ["present", "att-own"],
        ["present", "att-pending"],
      ]),
    );
    expect(notOnSheet.status).toBe(400);
    expect(Object.keys(notOnSheet.body.fieldErrors as object)).toEqual(["present"]);
    const future = await call(
      action,
      staffA,
      url(),
      activity.ref,
      new URLSearchParams([
        ["date", "2999-01-01"],
        ["present", "att-own"],
      ]),
    );
    expect(future.status).toBe(400);
    expect(Object.keys(future.body.fieldErrors as object)).toEqual(["date"]);
    expect((await call(loader, staffA, url("?date=huomenna"), activity.ref)).status).toBe(400);
    expect(count()).toBe(before);
  });

  it("shows a pilot only their own mentees", async () => {
    const r = await call(loader, pilotUser, url("?date=2026-03-17"), activity.ref);
    expect(sheetNames(r.body)).toEqual(["Bertta"]);
    const refused = await call(
      action,
      pilotUser,
      url(),
      activity.ref,
      new URLSearchParams([
        ["date", "2026-03-17"],
        ["present", "att-own"],
      ]),
    );
    expect(refused.status).toBe(400);
    const ok = await call(
      action,
      pilotUser,
      url(),
      activity.ref,
      new URLSearchParams([
        ["date", "2026-03-17"],
        ["present", "att-guest"],
      ]),
    );
    expect(ok.status).toBe(200);
  });

  it("answers another organization's staff 404, and a worker without such participants 404", async () => {
    expect((await call(loader, staffB, url(), activity.ref)).status).toBe(404);
    const worker = await createUser("worker", null);
    expect((await call(loader, worker, url(), activity.ref)).status).toBe(404);
    const stranger = await createUser("worker", orgC.id);
    expect((await call(loader, stranger, url(), activity.ref)).status).toBe(404);
    expect((await call(homeLoader, stranger, "/attendance", "")).body.activities).toEqual([]);
    expect(
      getDb()
        .select()
        .from(attendance)
        .where(and(eq(attendance.markedBy, staffB.id)))
        .all(),
    ).toHaveLength(0);
  });

  it("lets a participant with an account see their own attendance and path", async () => {
    const r = await call(homeLoader, participantUser, "/attendance", "");
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe("own");
    expect(
      (r.body.attendance as { date: string; present: boolean }[]).map((a) => [a.date, a.present]),
    ).toEqual([
      ["2026-03-17", true],
      ["2026-03-03", false],
    ]);
    expect((r.body.steps as { step: string }[]).map((s) => s.step)).toEqual(["started"]);
    const staffHome = await call(homeLoader, staffA, "/attendance", "");
    expect((staffHome.body.activities as { ref: string }[]).map((a) => a.ref)).toContain(
      activity.ref,
    );
  });
  it("lets a worker record their own participant at another organization's activity; both sides see it", async () => {
    // Bertta belongs to organization B and was accepted into A's activity.
    const workerB = await createUser("worker", orgB.id);
    const home = await call(homeLoader, workerB, "/attendance", "");
    expect((home.body.activities as { ref: string }[]).map((a) => a.ref)).toEqual([activity.ref]);
    const sheet = await call(loader, workerB, url("?date=2026-04-07"), activity.ref);
    expect(sheet.status).toBe(200);
    // Only their own organization's people: Aino (organization A) is not theirs to see.
    expect(sheetNames(sheet.body)).toEqual(["Bertta"]);
    const saved = await call(
      action,
      workerB,
      url(),
      activity.ref,
      new URLSearchParams([
        ["date", "2026-04-07"],
        ["present", "att-guest"],
      ]),
    );
    expect(saved.status).toBe(200);
    // A participant not on the worker's part of the sheet is refused.
    const refused = await call(
      action,
      workerB,
      url(),
      activity.ref,
      new URLSearchParams([
        ["date", "2026-04-07"],
        ["present", "att-own"],
      ]),
    );
    expect(refused.status).toBe(400);
    // One record per participant, activity and day; the activity's staff see the worker's mark.
    const staffSheet = await call(loader, staffA, url("?date=2026-04-07"), activity.ref);
    expect(
      (staffSheet.body.sheet as { name: string; present: boolean | null }[]).map((r) => [
        r.name,
        r.present,
      ]),
    ).toEqual([
      ["Aino", null],
      ["Bertta", true],
    ]);
    const rows = getDb()
      .select()
      .from(attendance)
      .where(
        and(
          eq(attendance.participantId, people.guest.id),
          eq(attendance.sessionDate, "2026-04-07"),
        ),
      )
      .all();
    expect(rows.map((r) => [r.present, r.markedBy])).toEqual([[true, workerB.id]]);
    const audited = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "attendance.mark"), eq(auditLog.actorUserId, workerB.id)))
      .all();
    expect(audited).toHaveLength(1);
    // And the worker sees what the staff marked.
    const { listAttendanceOf } = await import("#app/modules/attendance/attendance.server.ts");
    // What the pilot and the staff marked, with who marked it (a role, never a name).
    expect(
      listAttendanceOf(people.guest.id).map((r) => [r.date, r.present, r.markedByRole]),
    ).toEqual([
      ["2026-04-07", true, "worker"],
      ["2026-03-17", true, "pilot"],
      ["2026-03-03", false, "staff"],
    ]);
  });
});
