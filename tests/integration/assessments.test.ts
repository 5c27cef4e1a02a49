import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, participants, selfAssessments } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { action, loader } from "#app/routes/participants.$ref_.assessment.tsx";
import {
  BASE,
  createOrganization,
  createUser,
  prepareDatabase,
  callRoute,
} from "../factories/index.ts";

type User = Awaited<ReturnType<typeof createUser>>;
let orgA: { id: number };
let orgB: { id: number };
let workerA: User;
let workerB: User;
let seq = 0;

function createParticipant(organizationId: number) {
  return getDb()
    .insert(participants)
    .values({ ref: `sa-${++seq}`, organizationId, municipality: "Parikkala", languages: ["fi"] })
    .returning()
    .get();
}

const scores = (w: number, rest = w) => ({
  workAbility: String(w),
  mentalWellbeing: String(rest),
  socialParticipation: String(rest),
  physicalFunctioning: String(rest),
  competence: String(rest),
  everydayLife: String(rest),
});

const call = (
  fn: typeof loader | typeof action,
  user: User,
  ref: string,
  form?: Record<string, string>,
) => callRoute(fn, user.id, `${BASE}/participants/${ref}/assessment`, { ref }, form);

const count = (participantId: number) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(selfAssessments)
    .where(eq(selfAssessments.participantId, participantId))
    .get()!.n;

beforeAll(async () => {
  prepareDatabase();
  orgA = createOrganization();
  orgB = createOrganization();
  workerA = await createUser("worker", orgA.id);
  workerB = await createUser("worker", orgB.id);
});

describe("self-assessment", () => {
  it("records start, along and end and compares start with the latest", async () => {
    const p = createParticipant(orgA.id);
    expect(
      (await call(action, workerA, p.ref, { phase: "start", date: "2026-02-01", ...scores(3, 4) }))
        .status,
    ).toBe(200);
    let page = await call(loader, workerA, p.ref);
    expect(page.body.comparison).toBeNull();
    await call(action, workerA, p.ref, { phase: "along", date: "2026-05-01", ...scores(5) });
    await call(action, workerA, p.ref, { phase: "end", date: "2026-09-01", ...scores(7, 6) });
    page = await call(loader, workerA, p.ref);
    const comparison = page.body.comparison as unknown as {
      start: { date: string };
      latest: { date: string };
      changes: Record<string, number>;
    };
    expect(comparison.start.date).toBe("2026-02-01");
    expect(comparison.latest.date).toBe("2026-09-01");
    expect(comparison.changes).toEqual({
      workAbility: 4,
      mentalWellbeing: 2,
      socialParticipation: 2,
      physicalFunctioning: 2,
      competence: 2,
      everydayLife: 2,
    });
    const reads = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.participantId, p.id), eq(auditLog.action, "participant.read")))
      .all();
    expect(reads.every((r) => r.context === "self-assessment page")).toBe(true);
    expect(reads.length).toBe(2);
  });

  it.each([
    [{ workAbility: "11" }, "workAbility"],
    [{ workAbility: "-1" }, "workAbility"],
    [{ competence: "7.5" }, "competence"],
    [{ everydayLife: "" }, "everydayLife"],
    [{ mentalWellbeing: "paljon" }, "mentalWellbeing"],
    [{ phase: "middle" }, "phase"],
    [{ date: "2999-01-01" }, "date"],
    [{ date: "" }, "date"],
  ])("refuses %j with a field error, writing nothing", async (bad, field) => {
    const p = createParticipant(orgA.id);
    const r = await call(action, workerA, p.ref, {
      phase: "start",
      date: "2026-02-01",
      ...scores(5),
      ...bad,
    });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.fieldErrors as Record<string, string>)).toContain(field);
    expect(count(p.id)).toBe(0);
  });

  it("is the own organization's workers' only", async () => {
    const p = createParticipant(orgA.id);
    expect((await call(loader, workerB, p.ref)).status).toBe(404);
    expect(
      (await call(action, workerB, p.ref, { phase: "start", date: "2026-02-01", ...scores(5) }))
        .status,
    ).toBe(404);
    const staff = await createUser("staff", orgA.id);
    expect((await call(loader, staff, p.ref)).status).toBe(403);
    expect(count(p.id)).toBe(0);
  });
});
