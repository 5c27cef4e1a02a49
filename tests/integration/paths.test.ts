import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { attendance, auditLog, participants, pathSteps, referrals } from "#db/schema.ts";
import { getDb, writeTransaction } from "#app/infra/db.server.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import {
  checkStepOrder,
  listPathSteps,
  recordStepFromAttendance,
  recordStepFromReferralAccepted,
} from "#app/modules/paths/paths.server.ts";
import { acceptReferral } from "#app/modules/referrals/referral-answers.server.ts";
import { action, loader } from "#app/routes/participants.$ref_.path.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
  callRoute,
  system,
} from "../factories/index.ts";

let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };
let workerA: { id: string };
let workerB: { id: string };
let seq = 0;

function createParticipant(organizationId: number) {
  return getDb()
    .insert(participants)
    .values({
      ref: `pp-${++seq}-${Math.random().toString(36).slice(2, 7)}`,
      organizationId,
      municipality: "Parikkala",
      languages: ["fi"],
    })
    .returning()
    .get();
}

const call = (
  fn: typeof loader | typeof action,
  userId: string,
  ref: string,
  form?: Record<string, string>,
) =>
  callRoute(fn, userId, `${BASE}/participants/${ref}/path`, { ref }, form) as Promise<{
    status: number;
    body: { fieldErrors?: Record<string, string>; ok?: string };
  }>;

const stepCount = (participantId: number) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(pathSteps)
    .where(eq(pathSteps.participantId, participantId))
    .get()!.n;

beforeAll(async () => {
  prepareDatabase();
  orgA = createOrganization();
  orgB = createOrganization();
  workerA = await createUser("worker", orgA.id);
  workerB = await createUser("worker", orgB.id);
});

describe("the path page", () => {
  it("shows the worker their participant's timeline and audits the read", async () => {
    const p = createParticipant(orgA.id);
    const r = await call(loader, workerA.id, p.ref);
    expect(r.status).toBe(200);
    const reads = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "participant.read"), eq(auditLog.participantId, p.id)))
      .all();
    expect(reads.map((a) => a.context)).toEqual(["path page"]);
  });

  it("answers 404 to another organization's worker and 403 to other roles", async () => {
    const p = createParticipant(orgA.id);
    expect((await call(loader, workerB.id, p.ref)).status).toBe(404);
    expect(
      (
        await call(action, workerB.id, p.ref, {
          intent: "add",
          step: "reached",
          date: "2026-01-01",
        })
      ).status,
    ).toBe(404);
    expect(stepCount(p.id)).toBe(0);
    const staff = await createUser("staff", orgA.id);
    expect((await call(loader, staff.id, p.ref)).status).toBe(403);
    const admin = await createUser("admin", null);
    expect((await call(loader, admin.id, p.ref)).status).toBe(403);
  });

  it("adds steps in ladder order and removes one", async () => {
    const p = createParticipant(orgA.id);
    expect(
      (
        await call(action, workerA.id, p.ref, {
          intent: "add",
          step: "reached",
          date: "2026-02-03",
        })
      ).body.ok,
    ).toBe("paths.added");
    expect(
      (
        await call(action, workerA.id, p.ref, {
          intent: "add",
          step: "started",
          date: "2026-02-17",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(action, workerA.id, p.ref, {
          intent: "add",
          step: "onward",
          date: "2026-06-01",
          onwardPath: "work-trial",
        })
      ).status,
    ).toBe(200);
    // Reached again after the path had gone further is fine: only first dates are ordered.
    expect(
      (
        await call(action, workerA.id, p.ref, {
          intent: "add",
          step: "reached",
          date: "2026-07-01",
        })
      ).status,
    ).toBe(200);
    expect(listPathSteps(p.id).map((s) => s.step)).toEqual([
      "reached",
      "started",
      "onward",
      "reached",
    ]);
    const onward = listPathSteps(p.id).find((s) => s.step === "onward")!;
    expect(
      (await call(action, workerA.id, p.ref, { intent: "remove", stepId: String(onward.id) })).body
        .ok,
    ).toBe("paths.removed");
    expect(stepCount(p.id)).toBe(3);
    // Another participant's step id does not reach across.
    const other = createParticipant(orgA.id);
    const started = listPathSteps(p.id).find((s) => s.step === "started")!;
    expect(
      (await call(action, workerA.id, other.ref, { intent: "remove", stepId: String(started.id) }))
        .status,
    ).toBe(404);
    expect(stepCount(p.id)).toBe(3);
  });

  it.each([
    [{ step: "reached", date: "2999-01-01" }, "date"],
    [{ step: "reached", date: "2026-02-30" }, "date"],
    [{ step: "reached", date: "" }, "date"],
    [{ step: "flying", date: "2026-01-01" }, "step"],
    [{ step: "onward", date: "2026-01-01" }, "onwardPath"],
    [{ step: "onward", date: "2026-01-01", onwardPath: "space" }, "onwardPath"],
    [{ step: "ended", date: "2026-01-01" }, "endReason"],
    [{ step: "started", date: "2026-01-01", endReason: "moved" }, "endReason"],
    [{ step: "reached", date: "2026-01-01", onwardPath: "education" }, "onwardPath"],
  ])("refuses %j with a field error on %s and writes nothing", async (form, field) => {
    const p = createParticipant(orgA.id);
    const r = await call(action, workerA.id, p.ref, {
      intent: "add",
      ...(form as Record<string, string>),
    });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.fieldErrors!)).toContain(field);
    expect(stepCount(p.id)).toBe(0);
  });

  it("refuses tomorrow in Finland's time zone", async () => {
    const p = createParticipant(orgA.id);
    const tomorrow = new Date(Date.parse(`${todayInFinland()}T12:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const r = await call(action, workerA.id, p.ref, {
      intent: "add",
      step: "reached",
      date: tomorrow,
    });
    expect(r.body.fieldErrors?.date).toBe("paths.error.future");
    const today = await call(action, workerA.id, p.ref, {
      intent: "add",
      step: "reached",
      date: todayInFinland(),
    });
    expect(today.status).toBe(200);
  });

  it("refuses steps out of order and duplicates, writing nothing", async () => {
    const p = createParticipant(orgA.id);
    await call(action, workerA.id, p.ref, { intent: "add", step: "started", date: "2026-03-01" });
    const early = await call(action, workerA.id, p.ref, {
      intent: "add",
      step: "regular",
      date: "2026-02-01",
    });
    expect(early.status).toBe(400);
    expect(early.body.fieldErrors?.date).toContain("Aloitti toiminnan");
    const lateFirst = await call(action, workerA.id, p.ref, {
      intent: "add",
      step: "reached",
      date: "2026-04-01",
    });
    expect(lateFirst.status).toBe(400);
    expect(lateFirst.body.fieldErrors?.date).toContain("2026-03-01");
    const twice = await call(action, workerA.id, p.ref, {
      intent: "add",
      step: "started",
      date: "2026-03-01",
    });
    expect(twice.status).toBe(400);
    expect(twice.body.fieldErrors?.step).toBeDefined();
    expect(stepCount(p.id)).toBe(1);
    // Same day on two rungs is in order.
    expect(
      (
        await call(action, workerA.id, p.ref, {
          intent: "add",
          step: "reached",
          date: "2026-03-01",
        })
      ).status,
    ).toBe(200);
  });

  it("refuses an empty or unknown intent with 400", async () => {
    const p = createParticipant(orgA.id);
    expect((await call(action, workerA.id, p.ref, {})).status).toBe(400);
    expect(
      (await call(action, workerA.id, p.ref, { intent: "remove", stepId: "abc" })).status,
    ).toBe(400);
  });
});

describe("the ladder rule", () => {
  it("compares first dates of rungs only", () => {
    const steps = [
      { step: "reached" as const, date: "2026-01-10" },
      { step: "started" as const, date: "2026-02-01" },
    ];
    expect(checkStepOrder(steps, { step: "regular", date: "2026-01-31" })?.key).toBe(
      "paths.error.beforeEarlier",
    );
    expect(checkStepOrder(steps, { step: "regular", date: "2026-02-01" })).toBeNull();
    expect(checkStepOrder(steps, { step: "started", date: "2026-01-09" })?.key).toBe(
      "paths.error.beforeEarlier",
    );
    expect(checkStepOrder(steps, { step: "reached", date: "2026-03-01" })).toBeNull();
    expect(
      checkStepOrder([{ step: "ended", date: "2026-01-01" }], {
        step: "reached",
        date: "2026-01-02",
      })?.key,
    ).toBe("paths.error.afterLater");
  });
});

describe("automatic steps", () => {
  it("records reached from an accepted referral, once, and never started", () => {
    const p = createParticipant(orgA.id);
    writeTransaction((tx) => {
      const first = recordStepFromReferralAccepted(tx, system, {
        participant: p,
        date: "2026-05-01",
      });
      expect([first?.step, first?.source]).toEqual(["reached", "referral"]);
      expect(
        recordStepFromReferralAccepted(tx, system, { participant: p, date: "2026-05-09" }),
      ).toBeNull();
    });
    expect(listPathSteps(p.id).map((s) => `${s.step} ${s.date}`)).toEqual(["reached 2026-05-01"]);
  });

  it("skips an automatic step that would break the ladder", () => {
    const p = createParticipant(orgA.id);
    getDb()
      .insert(pathSteps)
      .values({ participantId: p.id, step: "started", date: "2026-04-01" })
      .run();
    const r = writeTransaction((tx) =>
      recordStepFromReferralAccepted(tx, system, { participant: p, date: "2026-05-01" }),
    );
    expect(r).toBeNull();
  });

  it("records started at the first attended session and regular at the fourth", () => {
    const p = createParticipant(orgA.id);
    const activity = createActivity(orgA.id);
    const days = ["2026-03-03", "2026-03-10", "2026-03-17", "2026-03-24"];
    const recorded: string[] = [];
    for (const [i, day] of days.entries()) {
      writeTransaction((tx) => {
        tx.insert(attendance)
          .values({
            activityId: activity.id,
            participantId: p.id,
            sessionDate: day,
            present: i !== 1,
          })
          .run();
        recorded.push(
          ...recordStepFromAttendance(tx, system, { participant: p }).map(
            (s) => `${s.step} ${s.date}`,
          ),
        );
      });
    }
    // The absent day does not count: three present days, not yet regular.
    expect(recorded).toEqual(["started 2026-03-03"]);
    writeTransaction((tx) => {
      tx.insert(attendance)
        .values({
          activityId: activity.id,
          participantId: p.id,
          sessionDate: "2026-03-31",
          present: true,
        })
        .run();
      recorded.push(
        ...recordStepFromAttendance(tx, system, { participant: p }).map(
          (s) => `${s.step} ${s.date}`,
        ),
      );
    });
    expect(recorded).toEqual(["started 2026-03-03", "regular 2026-03-31"]);
  });
});

describe("a referral accepted by the association", () => {
  it("puts reached on the participant's path, not started: nobody has come yet", async () => {
    const p = createParticipant(orgA.id);
    const activity = createActivity(orgA.id);
    const staff = await createUser("staff", orgA.id);
    const referral = getDb()
      .insert(referrals)
      .values({
        participantId: p.id,
        activityId: activity.id,
        status: "sent",
        expiresAt: new Date(Date.now() + 7 * 86_400_000),
      })
      .returning()
      .get();
    const r = await acceptReferral(staff, referral.id);
    expect(r.ok).toBe(true);
    expect(listPathSteps(p.id).map((s) => [s.step, s.date, s.source])).toEqual([
      ["reached", todayInFinland(), "referral"],
    ]);
  });
});
