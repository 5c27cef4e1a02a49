import { spawnSync } from "node:child_process";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  attendance,
  auditLog,
  consents,
  contacts,
  participants,
  pathSteps,
  referrals,
  selfAssessments,
  sessions,
  shortlistItems,
  users,
} from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { renderExportHtml } from "#app/modules/privacy/export-html.ts";
import {
  eraseParticipant,
  exportParticipantData,
  listExpiredParticipants,
} from "#app/modules/privacy/privacy.server.ts";
import { loader as privacyLoader } from "#app/routes/privacy.tsx";
import { loader as exportLoader } from "#app/routes/privacy.export.$ref.ts";
import { action as eraseAction, loader as eraseLoader } from "#app/routes/privacy.erase.$ref.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createPilot,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

type Org = { id: number; ref: string };
let orgA: Org;
let orgB: Org;
let workerA: Awaited<ReturnType<typeof createUser>>;
let workerB: Awaited<ReturnType<typeof createUser>>;
let activityId: number;
let pilotId: number;
let seq = 0;

const actorOf = (u: typeof workerA) => ({
  kind: "user" as const,
  userId: u.id,
  role: u.role,
  organizationId: u.organizationId,
});

/** A participant with something in every table that hangs off it. */
async function seedParticipant(
  org: Org,
  steps: { step: string; date: string; endReason?: string }[],
) {
  const db = getDb();
  const ref = `p-priv-${++seq}`;
  const account = await createUser("participant", org.id);
  const p = db
    .insert(participants)
    .values({
      ref,
      organizationId: org.id,
      responsibleWorkerId: workerA.id,
      userId: account.id,
      nickname: `Nimimerkki-${seq}`,
      municipality: "Parikkala",
      gender: "female",
      birthYear: 1994,
      languages: ["fi"],
      interests: ["kalastus"],
      interestText: `Salainen vapaa teksti ${seq}`,
      interestKeys: ["kalastus"],
      wantsPilot: true,
      needs: { substanceFree: true },
      schedule: [{ weekday: 2, start: "16:00", end: "20:00" }],
      maxDistanceKm: 30,
      notes: `Arkaluonteinen muistiinpano ${seq}`,
      lastContactAt: "2026-01-10",
    })
    .returning()
    .get();
  for (const s of steps)
    db.insert(pathSteps)
      .values({
        participantId: p.id,
        step: s.step as "reached",
        date: s.date,
        endReason: s.endReason ?? "",
      })
      .run();
  db.insert(consents)
    .values({ participantId: p.id, purpose: "guidance", givenAt: new Date() })
    .run();
  db.insert(referrals)
    .values({
      participantId: p.id,
      activityId,
      status: "accepted",
      message: `Viesti ohjauksesta ${seq}`,
      responseMessage: "Tervetuloa",
      expiresAt: new Date(Date.now() + 86400_000),
    })
    .run();
  db.insert(shortlistItems).values({ participantId: p.id, pilotId }).run();
  db.insert(attendance)
    .values({ activityId, participantId: p.id, sessionDate: "2026-02-03", present: true })
    .run();
  db.insert(contacts).values({ participantId: p.id, kind: "met", date: "2026-02-01" }).run();
  db.insert(selfAssessments)
    .values({
      participantId: p.id,
      phase: "start",
      date: "2026-02-01",
      workAbility: 3,
      mentalWellbeing: 2,
      socialParticipation: 2,
      physicalFunctioning: 4,
      competence: 3,
      everydayLife: 3,
    })
    .run();
  return { id: p.id, ref, account };
}

beforeAll(async () => {
  prepareDatabase();
  orgA = createOrganization();
  orgB = createOrganization();
  workerA = await createUser("worker", orgA.id);
  workerB = await createUser("worker", orgB.id);
  activityId = createActivity(orgA.id).id;
  pilotId = createPilot(orgA.id).id;
});

describe("participant data export", () => {
  it("gives everything about the participant as JSON, with who used the data", async () => {
    const p = await seedParticipant(orgA, [{ step: "reached", date: "2026-01-05" }]);
    const data = exportParticipantData(actorOf(workerA), p.ref)!;
    expect(data.participant.ref).toBe(p.ref);
    expect(data.participant.notes).toContain("Arkaluonteinen");
    expect(data.pathSteps).toEqual([
      { step: "reached", date: "2026-01-05", onwardPath: null, endReason: null },
    ]);
    expect(data.consents).toHaveLength(1);
    expect(data.referrals[0]).toMatchObject({ status: "accepted", message: expect.any(String) });
    expect(data.shortlist).toHaveLength(1);
    expect(data.attendance).toHaveLength(1);
    expect(data.contacts).toHaveLength(1);
    expect(data.selfAssessments[0]).toMatchObject({ workAbility: 3 });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    const again = exportParticipantData(actorOf(workerA), p.ref, { context: "export:test" })!;
    expect(again.accessLog).toContainEqual(
      expect.objectContaining({ action: "participant.read", context: "export:privacy" }),
    );
  });

  it("the participant can export their own data; nobody else outside the organization", async () => {
    const p = await seedParticipant(orgA, []);
    const self = {
      kind: "user" as const,
      userId: p.account.id,
      role: "participant",
      organizationId: orgA.id,
    };
    expect(exportParticipantData(self, p.ref)?.participant.ref).toBe(p.ref);
    expect(exportParticipantData(actorOf(workerB), p.ref)).toBeUndefined();
    const staffA = await createUser("staff", orgA.id);
    const pilotA = await createUser("pilot", orgA.id);
    expect(exportParticipantData(actorOf(staffA), p.ref)).toBeUndefined();
    expect(exportParticipantData(actorOf(pilotA), p.ref)).toBeUndefined();
    const other = await seedParticipant(orgA, []);
    const otherSelf = { ...self, userId: other.account.id };
    expect(exportParticipantData(otherSelf, p.ref)).toBeUndefined();
  });

  it("renders a readable, escaped HTML page in fi, sv and en", async () => {
    const p = await seedParticipant(orgA, [{ step: "reached", date: "2026-01-05" }]);
    getDb()
      .update(participants)
      .set({ interestText: "<script>alert(1)</script>" })
      .where(eq(participants.id, p.id))
      .run();
    const data = exportParticipantData(actorOf(workerA), p.ref)!;
    const fi = renderExportHtml(data, "fi");
    expect(fi).toContain('<html lang="fi">');
    expect(fi).toContain("Polun askeleet");
    expect(fi).toContain("Kuka on käyttänyt tietojasi");
    expect(fi).not.toContain("<script>");
    expect(fi).toContain("&lt;script&gt;");
    expect(renderExportHtml(data, "sv")).toContain("Stegen på vägen");
    expect(renderExportHtml(data, "en")).toContain("Who has used your data");
  });
});

describe("erasure", () => {
  it("removes personal data and keeps anonymized rows for the reports", async () => {
    const p = await seedParticipant(orgA, [
      { step: "reached", date: "2026-01-05" },
      { step: "ended", date: "2026-03-01", endReason: "employed" },
    ]);
    const session = await signedInRequest(p.account.id, `${BASE}/me`);
    const db = getDb();
    const result = (await eraseParticipant(actorOf(workerA), p.ref))!;
    expect(result.participantId).toBe(p.id);
    const row = db.select().from(participants).where(eq(participants.id, p.id)).get()!;
    expect(row.ref).toMatch(/^erased-[0-9a-f]{16}$/);
    expect(row).toMatchObject({
      nickname: null,
      birthYear: null,
      interestText: null,
      notes: null,
      userId: null,
      responsibleWorkerId: null,
      languages: [],
      interests: [],
      needs: {},
      schedule: [],
      lastContactAt: null,
    });
    expect(row.erasedAt).toBeInstanceOf(Date);
    // Aggregates: still counted by gender, municipality and step.
    expect(row).toMatchObject({
      gender: "female",
      municipality: "Parikkala",
      organizationId: orgA.id,
    });
    expect(db.select().from(pathSteps).where(eq(pathSteps.participantId, p.id)).all()).toHaveLength(
      2,
    );
    expect(
      db.select().from(attendance).where(eq(attendance.participantId, p.id)).all(),
    ).toHaveLength(1);
    expect(db.select().from(contacts).where(eq(contacts.participantId, p.id)).all()).toHaveLength(
      1,
    );
    const refs = db.select().from(referrals).where(eq(referrals.participantId, p.id)).all();
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({ status: "accepted", message: null, responseMessage: null });
    // Gone: consents, shortlist, self-assessments, the account and its sessions.
    expect(db.select().from(consents).where(eq(consents.participantId, p.id)).all()).toEqual([]);
    expect(
      db.select().from(shortlistItems).where(eq(shortlistItems.participantId, p.id)).all(),
    ).toEqual([]);
    expect(
      db.select().from(selfAssessments).where(eq(selfAssessments.participantId, p.id)).all(),
    ).toEqual([]);
    expect(db.select().from(users).where(eq(users.id, p.account.id)).get()).toBeUndefined();
    expect(db.select().from(sessions).where(eq(sessions.userId, p.account.id)).all()).toEqual([]);
    expect(session).toBeDefined();
    // No trace of the free text anywhere but the append-only audit log.
    const dump = JSON.stringify(
      ["participants", "referrals", "consents", "path_steps", "contacts"].map((t) =>
        db.$client.prepare(`select * from ${t}`).all(),
      ),
    );
    expect(dump).not.toContain(`Arkaluonteinen muistiinpano ${seq}`);
    expect(dump).not.toContain(p.ref);
    const audit = db.select().from(auditLog).where(eq(auditLog.participantId, p.id)).all();
    expect(audit.map((a) => a.action)).toContain("participant.erase");
    // Erased is erased: no second export or erasure.
    expect(exportParticipantData(actorOf(workerA), p.ref)).toBeUndefined();
    expect(await eraseParticipant(actorOf(workerA), p.ref)).toBeUndefined();
  });

  it("another organization's worker cannot erase (as if it did not exist)", async () => {
    const p = await seedParticipant(orgA, []);
    expect(await eraseParticipant(actorOf(workerB), p.ref)).toBeUndefined();
    const row = getDb().select().from(participants).where(eq(participants.id, p.id)).get()!;
    expect(row.erasedAt).toBeNull();
    expect(row.notes).not.toBeNull();
  });
});

describe("retention", () => {
  it("erases participants whose path ended more than RETENTION_DAYS ago, only them", async () => {
    const old = await seedParticipant(orgB, [
      { step: "reached", date: "2023-01-05" },
      { step: "ended", date: "2023-06-01", endReason: "moved" },
    ]);
    const recent = await seedParticipant(orgB, [
      { step: "ended", date: "2026-11-01", endReason: "employed" },
    ]);
    const resumed = await seedParticipant(orgB, [
      { step: "ended", date: "2023-06-01", endReason: "no-contact" },
      { step: "reached", date: "2026-10-01" },
    ]);
    const ongoing = await seedParticipant(orgB, [{ step: "reached", date: "2020-01-01" }]);
    const expired = listExpiredParticipants(365, { today: "2026-11-23" }).map((p) => p.ref);
    expect(expired).toContain(old.ref);
    for (const p of [recent, resumed, ongoing]) expect(expired).not.toContain(p.ref);

    const run = spawnSync(
      path.resolve("node_modules/.bin/tsx"),
      ["scripts/retention.ts", "--days", "365"],
      { env: { ...process.env, DATA_DIR: getEnv().dataDir }, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { erased: number; retentionDays: number };
    expect(out.retentionDays).toBe(365);
    expect(out.erased).toBeGreaterThanOrEqual(1);
    const db = getDb();
    const erasedAt = (id: number) =>
      db.select().from(participants).where(eq(participants.id, id)).get()!.erasedAt;
    expect(erasedAt(old.id)).toBeInstanceOf(Date);
    for (const p of [recent, resumed, ongoing]) expect(erasedAt(p.id)).toBeNull();
    const audit = db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(eq(auditLog.actorRole, "system:retention"))
      .get()!.n;
    expect(audit).toBeGreaterThanOrEqual(1);
    const bad = spawnSync(
      path.resolve("node_modules/.bin/tsx"),
      ["scripts/retention.ts", "--days", "soon"],
      { env: { ...process.env, DATA_DIR: getEnv().dataDir }, encoding: "utf8" },
    );
    expect(bad.status).toBe(1);
  });
});

describe("privacy page", () => {
  it("is public and says how long data is kept", async () => {
    const data = await privacyLoader({
      request: new Request(`${BASE}/privacy`, { headers: { Cookie: "luotsi_lang=sv" } }),
      params: {},
      context: {},
    });
    expect(data.retentionDays).toBe(getEnv().RETENTION_DAYS);
    expect(data.title).toBe("Dataskydd");
  });
});

describe("export and erasure pages", () => {
  const call = async (fn: () => unknown) => {
    try {
      return (await fn()) as Response | Record<string, unknown>;
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  };

  it("downloads JSON and HTML for the worker and the participant; 404 elsewhere; 400 bad format", async () => {
    const p = await seedParticipant(orgA, [{ step: "reached", date: "2026-01-05" }]);
    const get = async (userId: string, query: string) =>
      (await call(async () =>
        exportLoader({
          request: await signedInRequest(userId, `${BASE}/privacy/export/${p.ref}${query}`),
          params: { ref: p.ref },
          context: {},
        }),
      )) as Response;
    const json = await get(workerA.id, "");
    expect(json.status).toBe(200);
    expect(json.headers.get("Content-Disposition")).toContain(`luotsi-${p.ref}.json`);
    expect(json.headers.get("Cache-Control")).toContain("no-store");
    expect(((await json.json()) as { participant: { ref: string } }).participant.ref).toBe(p.ref);
    const html = await get(p.account.id, "?format=html");
    expect(html.status).toBe(200);
    expect(html.headers.get("Content-Type")).toContain("text/html");
    expect(await html.text()).toContain(p.ref);
    expect((await get(workerB.id, "")).status).toBe(404);
    expect((await get(workerA.id, "?format=pdf")).status).toBe(400);
    const reads = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.participantId, p.id))
      .all()
      .filter((a) => a.action === "participant.read");
    expect(reads.map((r) => r.context)).toEqual(
      expect.arrayContaining(["export:privacy.json", "export:privacy.html"]),
    );
  });

  it("erases only after the worker types the ref; other organizations get 404", async () => {
    const p = await seedParticipant(orgA, []);
    const post = async (userId: string, confirm: string) =>
      (await call(async () =>
        eraseAction({
          request: await signedInRequest(userId, `${BASE}/privacy/erase/${p.ref}`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ confirm }).toString(),
          }),
          params: { ref: p.ref },
          context: {},
        }),
      )) as Response;
    const page = await call(async () =>
      eraseLoader({
        request: await signedInRequest(workerA.id, `${BASE}/privacy/erase/${p.ref}`),
        params: { ref: p.ref },
        context: {},
      }),
    );
    expect(page).toEqual({ ref: p.ref });
    expect((await post(workerB.id, p.ref)).status).toBe(404);
    const wrong = await post(workerA.id, "p-something-else");
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ fieldErrors: { confirm: "erase.confirmMismatch" } });
    const erasedAt = () =>
      getDb().select().from(participants).where(eq(participants.id, p.id)).get()!.erasedAt;
    expect(erasedAt()).toBeNull();
    const done = await post(workerA.id, p.ref);
    expect(done.status).toBe(302);
    expect(erasedAt()).toBeInstanceOf(Date);
    expect((await post(workerA.id, p.ref)).status).toBe(404);
  });
});
