import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  auditLog,
  mailMessages,
  notifications,
  participants,
  pilots,
  referrals,
  searchOutbox,
} from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { acceptReferral, declineReferral } from "#app/modules/referrals/referral-answers.server.ts";
import { expireOldReferrals } from "#app/modules/referrals/referral-expiry.server.ts";
import { listIncomingReferrals } from "#app/modules/referrals/referral-inbox.server.ts";
import {
  listReferralsForParticipant,
  sendReferrals,
} from "#app/modules/referrals/referral-sending.server.ts";
import {
  createActivity,
  createOrganization,
  createPilot,
  createUser,
  prepareDatabase,
} from "../factories/index.ts";

type U = Awaited<ReturnType<typeof createUser>>;
let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };
let workerA: U;
let workerB: U;
let staffA: U;
let staffB: U;
let pilotUser: U;
let otherPilotUser: U;

let seq = 0;
function createParticipant(
  organizationId: number,
  extra: Partial<typeof participants.$inferInsert> = {},
) {
  return getDb()
    .insert(participants)
    .values({
      ref: `p-ref-${++seq}`,
      organizationId,
      municipality: "Parikkala",
      languages: ["fi", "sv"],
      nickname: "Jani",
      birthYear: 1994,
      interestText: "ennen kalasti paljon isän kanssa",
      notes: "ARKALUONTOINEN MUISTIINPANO",
      needs: { substanceFree: true },
      ...extra,
    })
    .returning({ id: participants.id })
    .get().id;
}

beforeAll(async () => {
  prepareDatabase();
  orgA = createOrganization({ name: "SaimaanVirta ry" });
  orgB = createOrganization({ name: "Toinen ry", municipality: "Savonlinna" });
  workerA = await createUser("worker", orgA.id);
  workerB = await createUser("worker", orgB.id);
  staffA = await createUser("staff", orgA.id);
  staffB = await createUser("staff", orgB.id);
  pilotUser = await createUser("pilot", orgA.id);
  otherPilotUser = await createUser("pilot", orgA.id);
});

function linkPilot(pilotId: number, userId: string) {
  getDb().update(pilots).set({ userId }).where(eq(pilots.id, pilotId)).run();
}

describe("sending referrals", () => {
  it("creates one open referral per target and tells the receivers", async () => {
    const activity = createActivity(orgA.id);
    const pilot = createPilot(orgA.id);
    linkPilot(pilot.id, pilotUser.id);
    const participantId = createParticipant(orgA.id);
    const r = await sendReferrals(getDb(), workerA, {
      participantId,
      targets: [{ activityId: activity.id }, { pilotId: pilot.id }],
      message: "Jani tulisi mielellään tiistaisin.",
    });
    expect(r.ok).toBe(true);
    const rows = listReferralsForParticipant(participantId);
    expect(rows.map((x) => x.status)).toEqual(["sent", "sent"]);
    const toStaff = getDb()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, staffA.id))
      .all();
    expect(toStaff.length).toBeGreaterThan(0);
    const toPilot = getDb()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, pilotUser.id))
      .all();
    expect(toPilot.length).toBe(1);
  });

  it("stores the rulebook's verdict and score it was sent with, and nothing about the person", async () => {
    const activity = createActivity(orgA.id);
    const pilot = createPilot(orgA.id, {
      schedule: [{ weekday: 6, start: "10:00", end: "14:00" }],
    });
    const tooFar = createActivity(orgA.id, { municipality: "Helsinki" });
    const participantId = createParticipant(orgA.id, {
      interests: ["kalastus"],
      interestKeys: ["fishing"],
      schedule: [{ weekday: 2, start: "16:00", end: "20:00" }],
    });
    const r = await sendReferrals(getDb(), workerA, {
      participantId,
      targets: [{ activityId: activity.id }, { pilotId: pilot.id }, { activityId: tooFar.id }],
    });
    expect(r.ok).toBe(true);
    const stored = getDb()
      .select({
        activityId: referrals.activityId,
        pilotId: referrals.pilotId,
        verdict: referrals.verdict,
        score: referrals.score,
      })
      .from(referrals)
      .where(eq(referrals.participantId, participantId))
      .all();
    const toActivity = stored.find((x) => x.activityId === activity.id)!;
    expect(toActivity.verdict).toMatchObject({
      fits: true,
      failed: [],
      scheduleFits: true,
      fitsInterests: true,
      needsMissing: [],
    });
    expect(toActivity.score).toBeGreaterThan(0.5);
    expect(Object.keys(toActivity.verdict!.parts).sort()).toEqual([
      "distance",
      "interest",
      "needs",
      "schedule",
    ]);
    // Sent together with an activity of the same association: the pilot is linked to it.
    const toPilot = stored.find((x) => x.pilotId === pilot.id)!;
    expect(toPilot.verdict).toMatchObject({ fits: true, scheduleFits: false });
    expect(toPilot.verdict!.parts.association).toBe(1);
    // A worker may send where the rules say it is out of reach; the record says so.
    const far = stored.find((x) => x.activityId === tooFar.id)!;
    expect(far.verdict).toMatchObject({ fits: false, failed: ["reach"] });
    expect(JSON.stringify(stored)).not.toMatch(/1994|Parikkala|Helsinki|km/);
  });

  it("refuses a second open referral to the same target, as a value, writing nothing", async () => {
    const a1 = createActivity(orgA.id);
    const a2 = createActivity(orgA.id);
    const participantId = createParticipant(orgA.id);
    expect(
      (await sendReferrals(getDb(), workerA, { participantId, targets: [{ activityId: a1.id }] }))
        .ok,
    ).toBe(true);
    const again = await sendReferrals(getDb(), workerA, {
      participantId,
      targets: [{ activityId: a2.id }, { activityId: a1.id }],
    });
    expect(again).toMatchObject({ ok: false, error: "duplicate", target: { activityId: a1.id } });
    // a2's referral was rolled back with the duplicate.
    expect(listReferralsForParticipant(participantId)).toHaveLength(1);
  });

  it("refuses closed or full targets, other organizations' participants and non-workers", async () => {
    const closed = createActivity(orgA.id, { status: "closed" });
    const full = createActivity(orgA.id, { capacity: 3, enrolled: 3 });
    const notAccepting = createPilot(orgA.id, { acceptingMentees: false });
    const participantId = createParticipant(orgA.id);
    for (const target of [
      { activityId: closed.id },
      { activityId: full.id },
      { pilotId: notAccepting.id },
    ]) {
      expect(
        await sendReferrals(getDb(), workerA, { participantId, targets: [target] }),
      ).toMatchObject({
        ok: false,
        error: "target-unavailable",
      });
    }
    const open = createActivity(orgA.id);
    expect(
      await sendReferrals(getDb(), workerB, { participantId, targets: [{ activityId: open.id }] }),
    ).toMatchObject({ ok: false, error: "participant-not-found" });
    expect(
      await sendReferrals(getDb(), staffA, { participantId, targets: [{ activityId: open.id }] }),
    ).toMatchObject({ ok: false, error: "forbidden" });
    expect(
      await sendReferrals(getDb(), workerA, { participantId, targets: [{ activityId: 999999 }] }),
    ).toMatchObject({ ok: false, error: "target-not-found" });
    expect(listReferralsForParticipant(participantId)).toHaveLength(0);
  });
});

describe("the receiving side", () => {
  it("shows receivers what they need to decide: age group, languages, interests, times, needs, the worker's message", async () => {
    const activity = createActivity(orgA.id, { title: "Näkyvyystesti" });
    const participantId = createParticipant(orgB.id, { nickname: "Pete" });
    await sendReferrals(getDb(), workerB, {
      participantId,
      targets: [{ activityId: activity.id }],
      message: "Tervetuloa",
    });
    const incoming = listIncomingReferrals(staffA).filter((r) => r.target.ref === activity.ref);
    expect(incoming).toHaveLength(1);
    const seen = incoming[0]!;
    // The name waits until the receiver has accepted the person (the privacy rule).
    expect(seen.participant).toEqual({
      nickname: null,
      languages: ["fi", "sv"],
      needs: ["substanceFree"],
      // An age group, never the birth year (1994 is checked below).
      ageGroup: "30-54",
      interests: [],
      schedule: [],
    });
    expect(seen.message).toBe("Tervetuloa");
    const text = JSON.stringify(incoming);
    for (const secret of ["ARKALUONTOINEN", "kalasti", "1994", "p-ref-"])
      expect(text).not.toContain(secret);
    // Reading participants' data is audited for professionals.
    const reads = getDb()
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "participant.read"), eq(auditLog.participantId, participantId)),
      )
      .all();
    expect(reads.length).toBeGreaterThan(0);
    // Other organizations' staff and other pilots see nothing of it.
    expect(listIncomingReferrals(staffB).some((r) => r.target.ref === activity.ref)).toBe(false);
    expect(listIncomingReferrals(otherPilotUser)).toEqual([]);
    expect((await acceptReferral(staffA, seen.id)).ok).toBe(true);
    const accepted = listIncomingReferrals(staffA, { status: "all" }).find(
      (r) => r.id === seen.id,
    )!;
    expect(accepted.participant.nickname).toBe("Pete");
  });

  it("accepting takes a place, re-indexes, audits and tells the sender in the app and by mail", async () => {
    const activity = createActivity(orgA.id, { capacity: 10, enrolled: 4 });
    const participantId = createParticipant(orgA.id);
    const sent = await sendReferrals(getDb(), workerA, {
      participantId,
      targets: [{ activityId: activity.id }],
    });
    if (!sent.ok) throw new Error(sent.error);
    const id = sent.referrals[0]!.id;
    getDb().delete(searchOutbox).run();
    expect(await acceptReferral(staffB, id)).toEqual({ ok: false, error: "not-found" });
    expect(await acceptReferral(pilotUser, id)).toEqual({ ok: false, error: "not-found" });
    expect(await acceptReferral(staffA, id, "Tervetuloa tiistaina!")).toMatchObject({
      ok: true,
      status: "accepted",
    });
    expect(
      getDb().select().from(activities).where(eq(activities.id, activity.id)).get()?.enrolled,
    ).toBe(5);
    expect(
      getDb()
        .select()
        .from(searchOutbox)
        .all()
        .map((r) => [r.entity, r.entityId]),
    ).toContainEqual(["activity", activity.id]);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "referral.accept"), eq(auditLog.entityId, String(id))))
      .get();
    // The fields that changed, never their values.
    expect(audit?.changes).toEqual(["enrolled", "status"]);
    const note = getDb()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, workerA.id))
      .all();
    expect(note.some((n) => n.message.includes("referrals.notify.accepted"))).toBe(true);
    const mail = getDb()
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, workerA.email))
      .all();
    expect(mail.some((m) => m.subject.includes("hyväksytty"))).toBe(true);
    expect(mail.every((m) => !m.text.includes("ARKALUONTOINEN"))).toBe(true);
    expect(await acceptReferral(staffA, id)).toEqual({ ok: false, error: "not-open" });
  });

  it("a pilot answers their own requests only; declining frees nothing", async () => {
    const mine = createPilot(orgA.id, { capacity: 2, activeMentees: 0 });
    linkPilot(mine.id, otherPilotUser.id);
    const participantId = createParticipant(orgA.id);
    const sent = await sendReferrals(getDb(), workerA, {
      participantId,
      targets: [{ pilotId: mine.id }],
    });
    if (!sent.ok) throw new Error(sent.error);
    const id = sent.referrals[0]!.id;
    expect(await declineReferral(pilotUser, id)).toEqual({ ok: false, error: "not-found" });
    // Staff do not answer for a pilot who has an account.
    expect(await declineReferral(staffA, id)).toEqual({ ok: false, error: "not-found" });
    expect(await declineReferral(otherPilotUser, id, "En ehdi nyt")).toMatchObject({ ok: true });
    expect(getDb().select().from(pilots).where(eq(pilots.id, mine.id)).get()?.activeMentees).toBe(
      0,
    );
    expect(getDb().select().from(referrals).where(eq(referrals.id, id)).get()).toMatchObject({
      status: "declined",
      responseMessage: "En ehdi nyt",
    });
    // After a decline a new referral to the same target may be sent.
    expect(
      (await sendReferrals(getDb(), workerA, { participantId, targets: [{ pilotId: mine.id }] }))
        .ok,
    ).toBe(true);
  });

  it("refuses to accept into a full activity", async () => {
    const activity = createActivity(orgA.id, { capacity: 5, enrolled: 4 });
    const p1 = createParticipant(orgA.id);
    const s = await sendReferrals(getDb(), workerA, {
      participantId: p1,
      targets: [{ activityId: activity.id }],
    });
    if (!s.ok) throw new Error(s.error);
    getDb().update(activities).set({ enrolled: 5 }).where(eq(activities.id, activity.id)).run();
    expect(await acceptReferral(staffA, s.referrals[0]!.id)).toEqual({ ok: false, error: "full" });
    expect(
      getDb().select().from(referrals).where(eq(referrals.id, s.referrals[0]!.id)).get()?.status,
    ).toBe("sent");
  });

  it("open referrals expire after 7 days without an answer", async () => {
    const activity = createActivity(orgA.id);
    const participantId = createParticipant(orgA.id);
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    const s = await sendReferrals(
      getDb(),
      workerA,
      { participantId, targets: [{ activityId: activity.id }] },
      eightDaysAgo,
    );
    if (!s.ok) throw new Error(s.error);
    const fresh = createActivity(orgA.id);
    await sendReferrals(getDb(), workerA, { participantId, targets: [{ activityId: fresh.id }] });
    expect(expireOldReferrals(new Date())).toBeGreaterThanOrEqual(1);
    const rows = listReferralsForParticipant(participantId);
    expect(rows.find((r) => r.target.id === activity.id)?.status).toBe("expired");
    expect(rows.find((r) => r.target.id === fresh.id)?.status).toBe("sent");
    expect(await acceptReferral(staffA, s.referrals[0]!.id)).toEqual({
      ok: false,
      error: "not-open",
    });
  });
});

describe("capacity race", () => {
  /** Two separate processes, each with its own SQLite connection, accept at the same moment. */
  it("two concurrent accepts for the last place: exactly one wins", async () => {
    const activity = createActivity(orgA.id, { capacity: 8, enrolled: 7 });
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await sendReferrals(getDb(), workerA, {
        participantId: createParticipant(orgA.id),
        targets: [{ activityId: activity.id }],
      });
      if (!s.ok) throw new Error(s.error);
      ids.push(s.referrals[0]!.id);
    }
    const dir = path.dirname(getEnv().databasePath);
    const script = path.join(dir, "accept-race.ts");
    const go = path.join(dir, "go");
    fs.writeFileSync(
      script,
      `import fs from "node:fs";
import { acceptReferral } from "#app/modules/referrals/referral-answers.server.ts";
const [userId, orgId, referralId, go] = process.argv.slice(2);
console.log("ready");
while (!fs.existsSync(go)) await new Promise((r) => setTimeout(r, 2));
const r = await acceptReferral({ id: userId, role: "staff", organizationId: Number(orgId) }, Number(referralId));
console.log(JSON.stringify(r));
`,
    );
    const run = (referralId: number) =>
      new Promise<{ ready: Promise<void>; done: Promise<string> }>((resolveOuter) => {
        const child = spawn(
          path.resolve("node_modules/.bin/tsx"),
          [script, staffA.id, String(orgA.id), String(referralId), go],
          {
            env: { ...process.env, DATABASE_PATH: getEnv().databasePath, SMTP_URL: "" },
            stdio: ["ignore", "pipe", "inherit"],
          },
        );
        let out = "";
        let markReady: () => void;
        const ready = new Promise<void>((r) => (markReady = r));
        child.stdout.on("data", (d) => {
          out += d;
          if (out.includes("ready")) markReady();
        });
        const done = new Promise<string>((r) => child.on("exit", () => r(out)));
        resolveOuter({ ready, done });
      });
    const a = await run(ids[0]!);
    const b = await run(ids[1]!);
    await Promise.all([a.ready, b.ready]);
    fs.writeFileSync(go, "");
    const outputs = await Promise.all([a.done, b.done]);
    const results = outputs.map(
      (o) => JSON.parse(o.trim().split("\n").pop()!) as { ok: boolean; error?: string },
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "full" }]);
    expect(
      getDb().select().from(activities).where(eq(activities.id, activity.id)).get()?.enrolled,
    ).toBe(8);
    const statuses = ids.map(
      (id) => getDb().select().from(referrals).where(eq(referrals.id, id)).get()?.status,
    );
    expect(statuses.sort()).toEqual(["accepted", "sent"]);
  }, 60_000);
});

describe("answering through the pages", () => {
  it("staff answer on /staff; bad input is 400; another organization's request is 404", async () => {
    const { action: staffAction, loader: staffLoader } = await import(
      "#app/routes/staff._index.tsx"
    );
    const { BASE, signedInRequest } = await import("../factories/index.ts");
    const activity = createActivity(orgA.id, { title: "Sivutesti", capacity: 10, enrolled: 1 });
    const participantId = createParticipant(orgA.id);
    const s = await sendReferrals(getDb(), workerA, {
      participantId,
      targets: [{ activityId: activity.id }],
    });
    if (!s.ok) throw new Error(s.error);
    const id = String(s.referrals[0]!.id);
    const post = async (user: U, fields: Record<string, string>) =>
      staffAction({
        request: await signedInRequest(user.id, `${BASE}/staff`, {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
        }),
        params: {},
        context: {},
      });
    const page = (await staffLoader({
      request: await signedInRequest(staffA.id, `${BASE}/staff`),
      params: {},
      context: {},
    })) as {
      referrals: { id: number; participant: { nickname: string | null } }[];
    };
    expect(page.referrals.map((r) => r.id)).toContain(Number(id));
    for (const bad of <Record<string, string>[]>[
      { intent: "accept", referralId: "abc" },
      { intent: "maybe", referralId: id },
      { intent: "accept", referralId: id, message: "x".repeat(1001) },
    ]) {
      expect((await post(staffA, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await post(staffB, { intent: "accept", referralId: id })).status).toBe(404);
    expect((await post(staffB, { intent: "decline", referralId: id })).status).toBe(404);
    expect(
      getDb()
        .select()
        .from(referrals)
        .where(eq(referrals.id, Number(id)))
        .get()?.status,
    ).toBe("sent");
    const ok = await post(staffA, { intent: "accept", referralId: id, message: "Tervetuloa" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ done: "accepted", referralId: Number(id) });
    expect(
      getDb().select().from(activities).where(eq(activities.id, activity.id)).get()?.enrolled,
    ).toBe(2);
    expect((await post(staffA, { intent: "decline", referralId: id })).status).toBe(409);
  });
});

describe("notifications page", () => {
  it("shows the sender their own notifications in their language and marks them read; nobody else's", async () => {
    const { action: notesAction, loader: notesLoader } = await import(
      "#app/routes/notifications._index.tsx"
    );
    const { BASE, signedInRequest } = await import("../factories/index.ts");
    const own = (await notesLoader({
      request: await signedInRequest(workerA.id, `${BASE}/notifications`, {
        headers: { "Accept-Language": "sv" },
      }),
      params: {},
      context: {},
    })) as { notifications: { id: number; text: string; unread: boolean }[] };
    expect(own.notifications.some((n) => n.text.includes("godkände din hänvisning"))).toBe(true);
    const other = (await notesLoader({
      request: await signedInRequest(workerB.id, `${BASE}/notifications`),
      params: {},
      context: {},
    })) as {
      notifications: { id: number }[];
    };
    const ownIds = own.notifications.map((n) => n.id);
    expect(other.notifications.some((n) => ownIds.includes(n.id))).toBe(false);
    const post = async (user: U, id: string) =>
      notesAction({
        request: await signedInRequest(user.id, `${BASE}/notifications`, {
          method: "POST",
          body: new URLSearchParams({ id }),
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
        }),
        params: {},
        context: {},
      });
    // Another user's id changes nothing.
    await post(workerB, String(ownIds[0]));
    expect(
      getDb().select().from(notifications).where(eq(notifications.id, ownIds[0]!)).get()?.readAt,
    ).toBeNull();
    expect((await post(workerA, "nonsense")).status).toBe(400);
    await post(workerA, "all");
    expect(
      getDb()
        .select()
        .from(notifications)
        .where(eq(notifications.userId, workerA.id))
        .all()
        .every((n) => n.readAt),
    ).toBe(true);
  });
});
