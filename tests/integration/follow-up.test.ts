import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  attendance,
  auditLog,
  contacts,
  organizations,
  participants,
  pathSteps,
  referrals,
} from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import { listFollowUps } from "#app/modules/follow-up/follow-up.server.ts";
import { action, loader } from "#app/routes/follow-up.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
  callRoute,
} from "../factories/index.ts";

const today = todayInFinland();
const daysAgo = (n: number) =>
  new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };
type User = Awaited<ReturnType<typeof createUser>>;
let me: User;
let colleague: User;
let workerB: User;
let seq = 0;

type Recorded = [kind: string, daysAgo: number, by?: string | null];

/** A participant with contacts and path steps, each recorded by `by` (default: the responsible worker). */
function participant(
  organizationId: number,
  opts: {
    worker?: string | null;
    createdDaysAgo?: number;
    contacts?: Recorded[];
    steps?: Recorded[];
  } = {},
) {
  const db = getDb();
  const p = db
    .insert(participants)
    .values({
      ref: `fu-${++seq}`,
      organizationId,
      responsibleWorkerId: opts.worker ?? null,
      municipality: "Parikkala",
      languages: ["fi"],
      createdAt: new Date(Date.parse(`${daysAgo(opts.createdDaysAgo ?? 60)}T10:00:00Z`)),
    })
    .returning()
    .get();
  const recorder = (by: string | null | undefined) =>
    by === undefined ? (opts.worker ?? me.id) : by;
  for (const [kind, ago, by] of opts.contacts ?? [])
    db.insert(contacts)
      .values({
        participantId: p.id,
        kind: kind as "met",
        date: daysAgo(ago),
        workerId: recorder(by),
      })
      .run();
  for (const [step, ago, by] of opts.steps ?? [])
    db.insert(pathSteps)
      .values({
        participantId: p.id,
        step: step as "reached",
        date: daysAgo(ago),
        endReason: step === "ended" ? "moved" : "",
        createdBy: recorder(by),
      })
      .run();
  return p;
}

type Key =
  | "old"
  | "recent"
  | "never"
  | "newcomer"
  | "colleagues"
  | "ended"
  | "noAnswer"
  | "stepOnly"
  | "edge"
  | "edgeMinus"
  | "otherOrg"
  | "othersOnly"
  | "referred"
  | "attended";
const refs = {} as Record<Key, string>;
let staffB: User;

beforeAll(async () => {
  prepareDatabase();
  orgA = createOrganization();
  orgB = createOrganization();
  getDb()
    .update(organizations)
    .set({ followUpDays: 10 })
    .where(eq(organizations.id, orgB.id))
    .run();
  me = await createUser("worker", orgA.id);
  colleague = await createUser("worker", orgA.id);
  workerB = await createUser("worker", orgB.id);
  staffB = await createUser("staff", orgB.id);
  refs.old = participant(orgA.id, { worker: me.id, contacts: [["met", 30]] }).ref;
  refs.recent = participant(orgA.id, { worker: me.id, contacts: [["phone", 5]] }).ref;
  refs.never = participant(orgA.id, { createdDaysAgo: 40 }).ref;
  refs.newcomer = participant(orgA.id, { createdDaysAgo: 3 }).ref;
  refs.colleagues = participant(orgA.id, { worker: colleague.id, contacts: [["met", 50]] }).ref;
  refs.ended = participant(orgA.id, {
    worker: me.id,
    steps: [
      ["reached", 90],
      ["ended", 60],
    ],
  }).ref;
  refs.noAnswer = participant(orgA.id, {
    worker: me.id,
    contacts: [
      ["met", 25],
      ["no-answer", 2],
    ],
  }).ref;
  refs.stepOnly = participant(orgA.id, { worker: me.id, steps: [["reached", 22]] }).ref;
  refs.edge = participant(orgA.id, { worker: me.id, contacts: [["message", 21]] }).ref;
  refs.edgeMinus = participant(orgA.id, { worker: me.id, contacts: [["message", 20]] }).ref;
  refs.otherOrg = participant(orgB.id, { worker: workerB.id, contacts: [["met", 12]] }).ref;
  // Recorded by others only (the import, another organization's staff): no contact by a worker.
  refs.othersOnly = participant(orgA.id, {
    worker: me.id,
    createdDaysAgo: 35,
    steps: [
      ["reached", 6, null],
      ["started", 4, staffB.id],
    ],
  }).ref;
  // A referral the worker sent two days ago is contact.
  const referred = participant(orgA.id, { worker: me.id, contacts: [["met", 40]] });
  refs.referred = referred.ref;
  getDb()
    .insert(referrals)
    .values({
      participantId: referred.id,
      activityId: createActivity(orgB.id).id,
      senderUserId: me.id,
      status: "sent",
      createdAt: new Date(Date.parse(`${daysAgo(2)}T09:00:00Z`)),
      expiresAt: new Date(Date.parse(`${daysAgo(-5)}T09:00:00Z`)),
    })
    .run();
  // Attendance: the worker's own mark counts, another organization's staff's does not.
  const attended = participant(orgA.id, { worker: me.id, contacts: [["met", 45]] });
  refs.attended = attended.ref;
  const club = createActivity(orgB.id);
  getDb()
    .insert(attendance)
    .values([
      {
        activityId: club.id,
        participantId: attended.id,
        sessionDate: daysAgo(1),
        present: true,
        markedBy: staffB.id,
      },
      {
        activityId: club.id,
        participantId: attended.id,
        sessionDate: daysAgo(26),
        present: true,
        markedBy: me.id,
      },
    ])
    .run();
});

const call = (fn: typeof loader | typeof action, user: User, form?: Record<string, string>) =>
  callRoute(fn, user.id, `${BASE}/follow-up`, {}, form);

describe("last contact: one definition for the caseload, the follow-up list and the participant", () => {
  it("counts what a worker of the organization recorded, never what others did", async () => {
    const { getLastContact } = await import("#app/modules/follow-up/last-contact.server.ts");
    const { listCaseload } = await import("#app/modules/participants/participants.server.ts");
    const idOf = (ref: string) =>
      getDb().select().from(participants).where(eq(participants.ref, ref)).get()!.id;
    const caseload = listCaseload(me as never);
    const inCaseload = (ref: string) =>
      [...caseload.mine, ...caseload.unassigned].find((r) => r.ref === ref)!.lastContact;
    for (const [key, expected] of [
      ["referred", daysAgo(2)],
      ["attended", daysAgo(26)],
      ["othersOnly", null],
      ["noAnswer", daysAgo(25)],
      ["stepOnly", daysAgo(22)],
    ] as const) {
      expect(getLastContact(idOf(refs[key])), key).toBe(expected);
      expect(inCaseload(refs[key]), key).toBe(expected);
    }
  });
});

describe("the follow-up list", () => {
  it("lists own and unassigned participants without contact for 21 days, never-contacted and longest first", () => {
    const { days, rows } = listFollowUps(me as never);
    expect(days).toBe(21);
    expect(rows.map((r) => [r.ref, r.days, r.mine])).toEqual([
      [refs.never, 40, false],
      [refs.othersOnly, 35, true],
      [refs.old, 30, true],
      [refs.attended, 26, true],
      [refs.noAnswer, 25, true],
      [refs.stepOnly, 22, true],
      [refs.edge, 21, true],
    ]);
    expect(rows.find((r) => r.ref === refs.othersOnly)!.lastContact).toBeNull();
    const noAnswer = rows.find((r) => r.ref === refs.noAnswer)!;
    expect(noAnswer.lastContact).toBe(daysAgo(25));
    expect(noAnswer.lastAttempt).toBe(daysAgo(2));
  });

  it("uses each organization's own N and never shows another organization's people", () => {
    const b = listFollowUps(workerB as never);
    expect(b.days).toBe(10);
    expect(b.rows.map((r) => r.ref)).toEqual([refs.otherOrg]);
    const colleagueRows = listFollowUps(colleague as never).rows.map((r) => r.ref);
    expect(colleagueRows).toContain(refs.colleagues);
    expect(colleagueRows).not.toContain(refs.old);
  });

  it("audits each listed participant as read", async () => {
    const before = getDb()
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(eq(auditLog.context, "follow-up list"))
      .get()!.n;
    const r = await call(loader, me);
    expect(r.status).toBe(200);
    const after = getDb()
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(eq(auditLog.context, "follow-up list"))
      .get()!.n;
    expect(after - before).toBe(7);
  });

  it("logs a contact in one step, taking the person off the list", async () => {
    const r = await call(action, me, { participant: refs.old, kind: "phone", date: today });
    expect(r.status).toBe(200);
    expect(r.body.logged).toBe(refs.old);
    expect(listFollowUps(me as never).rows.map((x) => x.ref)).not.toContain(refs.old);
    // "No answer" is an attempt, not a contact: the person stays.
    await call(action, me, { participant: refs.stepOnly, kind: "no-answer", date: today });
    const still = listFollowUps(me as never).rows.find((x) => x.ref === refs.stepOnly)!;
    expect(still.lastAttempt).toBe(today);
  });

  it("refuses bad input and other organizations' participants, writing nothing", async () => {
    const count = () =>
      getDb()
        .select({ n: sql<number>`count(*)` })
        .from(contacts)
        .get()!.n;
    const before = count();
    const tomorrow = daysAgo(-1);
    for (const [form, field, status] of [
      [{ participant: refs.edge, kind: "shout", date: today }, "kind", 400],
      [{ participant: refs.edge, kind: "met", date: tomorrow }, "date", 400],
      [{ participant: refs.edge, kind: "met", date: "2026-13-01" }, "date", 400],
      [{ participant: "", kind: "met", date: today }, "participant", 400],
      [{ participant: refs.otherOrg, kind: "met", date: today }, "participant", 404],
    ] as const) {
      const r = await call(action, me, form);
      expect(r.status, JSON.stringify(form)).toBe(status);
      expect(Object.keys(r.body.fieldErrors as object)).toContain(field);
    }
    expect(count()).toBe(before);
  });

  it("is for workers only", async () => {
    for (const role of ["staff", "admin", "pilot", "participant"] as const) {
      const u = await createUser(role, role === "admin" ? null : orgA.id);
      expect((await call(loader, u)).status, role).toBe(403);
      expect(
        (await call(action, u, { participant: refs.edge, kind: "met", date: today })).status,
        role,
      ).toBe(403);
    }
  });
});
