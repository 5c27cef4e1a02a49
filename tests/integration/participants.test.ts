import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  consents,
  invitations,
  mailMessages,
  participants,
  referrals,
  shortlistItems,
  users,
} from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { action as pageAction, loader as pageLoader } from "#app/routes/participants.$ref.tsx";
import { loader as summaryLoader } from "#app/routes/participants.$ref._index.tsx";
import { loader as profileLoader } from "#app/routes/participants.$ref.profile.tsx";
import {
  action as privacyAction,
  loader as privacyLoader,
} from "#app/routes/participants.$ref.privacy.tsx";
import {
  action as shortlistAction,
  loader as shortlistLoader,
} from "#app/routes/participants.$ref.shortlist.tsx";
import { loader as referralsLoader } from "#app/routes/participants.$ref.referrals.tsx";
import { action as editAction, loader as editLoader } from "#app/routes/participants.$ref.edit.tsx";
import { action as newAction, loader as newLoader } from "#app/routes/participants.new.tsx";
import { loader as workerLoader } from "#app/routes/worker._index.tsx";
import { loader as meLoader } from "#app/routes/me._index.tsx";
import { acceptInvitation } from "#app/modules/invitations/invitations.server.ts";
import { listIncomingReferrals } from "#app/modules/referrals/referral-inbox.server.ts";
import {
  BASE,
  createActivity,
  createOrganization,
  createPilot,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

type User = Awaited<ReturnType<typeof createUser>>;
type Args = LoaderFunctionArgs;

/** Runs a loader or action as Remix would: a thrown Response is the answer. */
async function run(
  fn: (args: Args) => unknown,
  request: Request,
  params: Record<string, string> = {},
) {
  try {
    const out = await fn({ request, params, context: {} });
    return out instanceof Response ? out : Response.json(out);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

function form(fields: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  }
  return f;
}

const validParticipant = {
  nickname: "Jussi",
  municipality: "Parikkala",
  gender: "male",
  birthYear: "1994",
  languages: ["fi"],
  interests: "metsä",
  interestText: "Tykkää olla luonnossa, ennen kalasti paljon isän kanssa.",
  wantsPilot: "on",
  "needs.substanceFree": "on",
  "schedule.0.weekday": "2",
  "schedule.0.start": "16:00",
  "schedule.0.end": "20:00",
  maxDistanceKm: "30",
  notes: "Tapasimme kirjastolla.",
  consentGiven: "on",
};

async function post(
  user: User,
  path: string,
  fields: Record<string, string | string[]>,
  fn: (args: Args) => unknown,
  params: Record<string, string> = {},
) {
  const request = await signedInRequest(user.id, `${BASE}${path}`, {
    method: "POST",
    body: form(fields),
  });
  return run(fn, request, params);
}

async function get(user: User, path: string, fn: (args: Args) => unknown, params = {}) {
  return run(fn, await signedInRequest(user.id, `${BASE}${path}`), params);
}

const count = (table: typeof participants | typeof referrals | typeof shortlistItems) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;

let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };
let workerA: User;
let workerA2: User;
let workerB: User;
let staffA: User;
let pilotA: User;
let adminUser: User;
let fishing: { id: number; ref: string };
let pilot: { id: number; ref: string };
let createdRef: string;

beforeAll(async () => {
  prepareDatabase();
  orgA = createOrganization({ name: "SaimaanVirta ry", municipality: "Parikkala" });
  orgB = createOrganization({ name: "Savonlinnan setlementti", municipality: "Savonlinna" });
  workerA = await createUser("worker", orgA.id);
  workerA2 = await createUser("worker", orgA.id);
  workerB = await createUser("worker", orgB.id);
  staffA = await createUser("staff", orgA.id);
  pilotA = await createUser("pilot", orgA.id);
  adminUser = await createUser("admin", null);
  fishing = createActivity(orgA.id, { title: "Kalastuskerho" });
  pilot = createPilot(orgA.id, { displayName: "Matti" });
});

describe("a worker records a participant", () => {
  it("creates one with a pseudonymous ref, normalized interests and consent", async () => {
    expect((await get(workerA, "/participants/new", newLoader)).status).toBe(200);
    const res = await post(workerA, "/participants/new", validParticipant, newAction);
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^\/participants\/p-[0-9a-f]{10}$/);
    createdRef = decodeURIComponent(location.split("/").pop()!);
    const row = getDb().select().from(participants).where(eq(participants.ref, createdRef)).get()!;
    expect(row.organizationId).toBe(orgA.id);
    expect(row.responsibleWorkerId).toBe(workerA.id);
    expect(row.interestKeys).toEqual(expect.arrayContaining(["fishing", "nature"]));
    expect(row.needs).toEqual({ substanceFree: true });
    expect(row.schedule).toEqual([{ weekday: 2, start: "16:00", end: "20:00" }]);
    const consent = getDb().select().from(consents).where(eq(consents.participantId, row.id)).all();
    expect(consent).toHaveLength(1);
    expect(consent[0]!.recordedBy).toBe(workerA.id);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.participantId, row.id), eq(auditLog.action, "participant.create")))
      .get()!;
    // Sensitive free text is never copied into the audit log.
    expect(JSON.stringify(audit.changes)).not.toContain("kirjastolla");
    expect(JSON.stringify(audit.changes)).not.toContain("kalasti");
  });

  it.each([
    [{ municipality: "Atlantis" }, "municipality"],
    [{ languages: [] as string[] }, "languages"],
    [{ interests: "", interestText: "" }, "interests"],
    [{ birthYear: "19x4" }, "birthYear"],
    [{ birthYear: "1850" }, "birthYear"],
    [{ maxDistanceKm: "-5" }, "maxDistanceKm"],
    [{ "schedule.0.end": "15:00" }, "schedule.0.end"],
    [{ "schedule.0.start": "25:00" }, "schedule.0.start"],
    [{ "schedule.0.weekday": "9" }, "schedule.0.weekday"],
    [{ gender: "robot" }, "gender"],
    [{ nickname: "x".repeat(41) }, "nickname"],
    [{ notes: "x".repeat(4001) }, "notes"],
    [{ postalCode: "591" }, "postalCode"],
    [{ postalCode: "00001", municipality: "" }, "postalCode"],
  ])("refuses %j with a 400 field error and writes nothing", async (change, field) => {
    const before = count(participants);
    const res = await post(
      workerA,
      "/participants/new",
      { ...validParticipant, ...change },
      newAction,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string> };
    expect(Object.keys(body.fieldErrors)).toContain(field);
    expect(count(participants)).toBe(before);
  });

  it("takes the municipality from a postal code and does not store the code", async () => {
    const res = await post(
      workerA,
      "/participants/new",
      { ...validParticipant, municipality: "", postalCode: "65100", nickname: "Postinumero" },
      newAction,
    );
    expect(res.status).toBe(302);
    const ref = decodeURIComponent(res.headers.get("Location")!.split("/").pop()!);
    const row = getDb().select().from(participants).where(eq(participants.ref, ref)).get()!;
    expect(row.municipality).toBe("Vaasa");
    expect(JSON.stringify(row)).not.toContain("65100");
  });

  it("lets only workers in: staff, pilots, admins and participants get 403", async () => {
    for (const u of [staffA, pilotA, adminUser]) {
      expect((await get(u, "/participants/new", newLoader)).status).toBe(403);
      expect((await post(u, "/participants/new", validParticipant, newAction)).status).toBe(403);
      expect(
        (await get(u, `/participants/${createdRef}`, pageLoader, { ref: createdRef })).status,
      ).toBe(403);
    }
  });
});

describe("reading a participant's record", () => {
  it("audits every professional read and shows who has looked", async () => {
    const row = getDb().select().from(participants).where(eq(participants.ref, createdRef)).get()!;
    const reads = () =>
      getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.participantId, row.id), eq(auditLog.action, "participant.read")))
        .all();
    const before = reads().length;
    const res = await get(workerA2, `/participants/${createdRef}`, pageLoader, { ref: createdRef });
    expect(res.status).toBe(200);
    await get(workerA, `/participants/${createdRef}/edit`, editLoader, { ref: createdRef });
    const after = reads();
    expect(after.length).toBe(before + 2);
    expect(after.map((r) => r.context)).toEqual(
      expect.arrayContaining(["screen:participants.$ref", "screen:participants.$ref.edit"]),
    );
    const privacy = (await (
      await get(workerA, `/participants/${createdRef}/privacy`, privacyLoader, { ref: createdRef })
    ).json()) as { viewers: { name: string; day: string; count: number }[] };
    expect(privacy.viewers.map((v) => v.name)).toContain("Test worker");
    // One line per person per day: no person appears twice on a day.
    const lines = privacy.viewers.map((v) => `${v.day} ${v.name}`);
    expect(new Set(lines).size).toBe(lines.length);
    const summary = (await (
      await get(workerA, `/participants/${createdRef}`, summaryLoader, { ref: createdRef })
    ).json()) as { summary: Record<string, unknown> };
    // The age group, never the birth year; the follow-up rule's next contact day.
    expect(summary.summary).toMatchObject({ ageGroup: expect.any(String) });
    expect(JSON.stringify(summary.summary)).not.toMatch(/birthYear/);
    expect(summary.summary.nextContactBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const profile = (await (
      await get(workerA, `/participants/${createdRef}`, profileLoader, { ref: createdRef })
    ).json()) as { notes: string };
    expect(profile.notes).toBe("Tapasimme kirjastolla.");
  });

  it("answers 404 to another organization's worker on every screen and action, as if absent", async () => {
    const p = { ref: createdRef };
    const path = `/participants/${createdRef}`;
    expect((await get(workerB, path, pageLoader, p)).status).toBe(404);
    expect((await get(workerB, `${path}/edit`, editLoader, p)).status).toBe(404);
    expect((await post(workerB, `${path}/edit`, validParticipant, editAction, p)).status).toBe(404);
    for (const fn of [
      summaryLoader,
      profileLoader,
      shortlistLoader,
      referralsLoader,
      privacyLoader,
    ]) {
      expect((await get(workerB, path, fn, p)).status).toBe(404);
    }
    const attempts: [Record<string, string | string[]>, typeof pageAction][] = [
      [{ intent: "shortlistAdd", activityRef: fishing.ref }, pageAction],
      [{ intent: "takeCaseload" }, pageAction],
      [{ intent: "refer", targets: [`activity:${fishing.id}`] }, shortlistAction],
      [{ intent: "consent", purpose: "referrals" }, privacyAction],
      [{ intent: "invite", email: "someone@test.example" }, privacyAction],
    ];
    for (const [fields, fn] of attempts) {
      expect((await post(workerB, path, fields, fn, p)).status).toBe(404);
    }
    // Guessing a ref that does not exist looks the same.
    expect(
      (await get(workerB, "/participants/p-0000000000", pageLoader, { ref: "p-0000000000" }))
        .status,
    ).toBe(404);
    const row = getDb().select().from(participants).where(eq(participants.ref, createdRef)).get()!;
    const byB = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.participantId, row.id), eq(auditLog.actorUserId, workerB.id)))
      .all();
    expect(byB).toHaveLength(0);
    expect(count(shortlistItems)).toBe(0);
  });
});

describe("editing", () => {
  it("updates the record, re-normalizes interests and audits without copying notes", async () => {
    const p = { ref: createdRef };
    const res = await post(
      workerA,
      `/participants/${createdRef}/edit`,
      {
        ...validParticipant,
        interests: "salitreeni",
        interestText: "",
        notes: "Uusi muistiinpano.",
      },
      editAction,
      p,
    );
    expect(res.status).toBe(302);
    const row = getDb().select().from(participants).where(eq(participants.ref, createdRef)).get()!;
    expect(row.interestKeys).toEqual(["gym"]);
    expect(row.notes).toBe("Uusi muistiinpano.");
    const update = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.participantId, row.id), eq(auditLog.action, "participant.update")))
      .get()!;
    // Which fields changed, never what they held.
    expect(update.changes).toContain("notes");
    expect(JSON.stringify(update.changes)).not.toContain("muistiinpano");
  });

  it("refuses bad input with 400 and leaves the record as it was", async () => {
    const before = getDb()
      .select()
      .from(participants)
      .where(eq(participants.ref, createdRef))
      .get()!;
    const res = await post(
      workerA,
      `/participants/${createdRef}/edit`,
      { ...validParticipant, languages: [], municipality: "" },
      editAction,
      { ref: createdRef },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string> };
    expect(body.fieldErrors).toHaveProperty("languages");
    expect(body.fieldErrors).toHaveProperty("municipality");
    const after = getDb()
      .select()
      .from(participants)
      .where(eq(participants.ref, createdRef))
      .get()!;
    expect(after).toEqual(before);
  });
});

describe("consent, caseload and the invitation to an account", () => {
  it("records and withdraws consent, keeping the history", async () => {
    const p = { ref: createdRef };
    const path = `/participants/${createdRef}`;
    expect(
      (await post(workerA, path, { intent: "consent", purpose: "referrals" }, privacyAction, p))
        .status,
    ).toBe(200);
    expect(
      (await post(workerA, path, { intent: "consent", purpose: "tattoo" }, privacyAction, p))
        .status,
    ).toBe(400);
    const row = getDb().select().from(participants).where(eq(participants.ref, createdRef)).get()!;
    const given = getDb().select().from(consents).where(eq(consents.participantId, row.id)).all();
    expect(given.map((c) => c.purpose).sort()).toEqual(["referrals", "registration"]);
    const id = given.find((c) => c.purpose === "referrals")!.id;
    expect(
      (
        await post(
          workerA,
          path,
          { intent: "withdrawConsent", consentId: String(id) },
          privacyAction,
          p,
        )
      ).status,
    ).toBe(200);
    const withdrawn = getDb().select().from(consents).where(eq(consents.id, id)).get()!;
    expect(withdrawn.withdrawnAt).not.toBeNull();
  });

  it("invites the participant to an optional account with a stored, hashed token", async () => {
    const p = { ref: createdRef };
    const path = `/participants/${createdRef}`;
    const bad = await post(
      workerA,
      path,
      { intent: "invite", email: "not-an-email" },
      privacyAction,
      p,
    );
    expect(bad.status).toBe(400);
    const res = await post(
      workerA,
      path,
      { intent: "invite", email: "Jussi@Test.example" },
      privacyAction,
      p,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { inviteLink: string };
    // The link names the invitation's language (?lang=fi): the token is the path's last part.
    const token = new URL(body.inviteLink).pathname.split("/invite/")[1]!;
    const row = getDb().select().from(participants).where(eq(participants.ref, createdRef)).get()!;
    const inv = getDb()
      .select()
      .from(invitations)
      .where(eq(invitations.participantId, row.id))
      .get()!;
    expect(inv.role).toBe("participant");
    expect(inv.email).toBe("jussi@test.example");
    expect(inv.tokenHash).not.toContain(token);
    const mail = getDb()
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "jussi@test.example"))
      .get();
    expect(mail?.text).toContain(token);

    // The participant sets a password; their own page then shows their record.
    const accepted = await acceptInvitation(token, {
      password: "Simpeleenjärven ahvenet 2026",
      displayName: "Jussi",
    });
    expect(accepted.ok).toBe(true);
    const newUser = getDb()
      .select()
      .from(users)
      .where(eq(users.email, "jussi@test.example"))
      .get()!;
    expect(newUser.role).toBe("participant");
    const me = (await (await get(newUser as User, "/me", meLoader)).json()) as {
      participant: { ref: string } | null;
    };
    expect(me.participant?.ref).toBe(createdRef);
    const after = (await (
      await get(workerA, `/participants/${createdRef}/privacy`, privacyLoader, p)
    ).json()) as { hasAccount: boolean };
    expect(after.hasAccount).toBe(true);
  });

  it("lets a colleague take an unassigned participant into their caseload", async () => {
    const p = { ref: createdRef };
    getDb()
      .update(participants)
      .set({ responsibleWorkerId: null })
      .where(eq(participants.ref, createdRef))
      .run();
    const list = (await (await get(workerA2, "/worker", workerLoader)).json()) as {
      unassigned: { ref: string }[];
      mine: { ref: string }[];
    };
    expect(list.unassigned.map((x) => x.ref)).toContain(createdRef);
    await post(workerA2, `/participants/${createdRef}`, { intent: "takeCaseload" }, pageAction, p);
    const after = (await (await get(workerA2, "/worker", workerLoader)).json()) as {
      mine: { ref: string }[];
    };
    expect(after.mine.map((x) => x.ref)).toEqual([createdRef]);
    const other = (await (await get(workerB, "/worker", workerLoader)).json()) as {
      mine: unknown[];
      unassigned: unknown[];
      others: unknown[];
    };
    expect([...other.mine, ...other.unassigned, ...other.others]).toHaveLength(0);
  });
});

describe("shortlist and referrals from the participant page", () => {
  it("shortlists, refers in one step, refuses a duplicate open referral, shows outcomes", async () => {
    const p = { ref: createdRef };
    const path = `/participants/${createdRef}`;
    const add = await post(
      workerA,
      path,
      { intent: "shortlistAdd", activityRef: fishing.ref },
      pageAction,
      p,
    );
    expect(add.status).toBe(302);
    await post(workerA, path, { intent: "shortlistAdd", pilotRef: pilot.ref }, pageAction, p);
    await post(workerA, path, { intent: "shortlistAdd", pilotRef: pilot.ref }, pageAction, p);
    expect(
      (
        await post(
          workerA,
          path,
          { intent: "shortlistAdd", activityRef: "act-nope" },
          pageAction,
          p,
        )
      ).status,
    ).toBe(400);
    expect(count(shortlistItems)).toBe(2);

    const empty = await post(workerA, path, { intent: "refer" }, shortlistAction, p);
    expect(empty.status).toBe(400);
    expect(count(referrals)).toBe(0);

    const sent = await post(
      workerA,
      path,
      {
        intent: "refer",
        targets: [`activity:${fishing.id}`, `pilot:${pilot.id}`],
        message: "Tervetuloa",
      },
      shortlistAction,
      p,
    );
    expect(sent.status).toBe(200);
    expect(count(referrals)).toBe(2);

    const again = await post(
      workerA,
      path,
      { intent: "refer", targets: [`activity:${fishing.id}`] },
      shortlistAction,
      p,
    );
    expect(again.status).toBe(400);
    expect(((await again.json()) as { fieldErrors: { targets: string } }).fieldErrors.targets).toBe(
      "participants.refer.error.duplicate",
    );
    expect(count(referrals)).toBe(2);

    const page = {
      ...((await (await get(workerA, path, referralsLoader, p)).json()) as {
        referrals: { status: string; target: { name: string } }[];
      }),
      ...((await (await get(workerA, path, shortlistLoader, p)).json()) as {
        shortlist: { title: string; notes: { ok: boolean; text: string }[] }[];
      }),
    };
    expect(page.referrals.map((r) => [r.target.name, r.status]).sort()).toEqual([
      ["Kalastuskerho", "sent"],
      ["Matti", "sent"],
    ]);
    const club = page.shortlist.find((s) => s.title === "Kalastuskerho")!;
    expect(club.notes).toContainEqual({ level: "ok", text: "ti 17–19 sopii" });
  });

  it("shows a request nobody answered in 7 days as expired", async () => {
    const row = getDb().select().from(participants).where(eq(participants.ref, createdRef)).get()!;
    getDb()
      .update(referrals)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(referrals.participantId, row.id))
      .run();
    const page = (await (
      await get(workerA, `/participants/${createdRef}/referrals`, referralsLoader, {
        ref: createdRef,
      })
    ).json()) as { referrals: { status: string }[] };
    expect(page.referrals.map((r) => r.status)).toEqual(["expired", "expired"]);
  });

  it("shows the receiving staff the referral but never the notes or the free text", async () => {
    const row = getDb().select().from(participants).where(eq(participants.ref, createdRef)).get()!;
    expect(row.notes).toBeTruthy();
    const incoming = listIncomingReferrals(staffA, { status: "all" });
    expect(incoming.length).toBeGreaterThan(0);
    const seen = JSON.stringify(incoming);
    expect(seen).not.toContain(row.notes!);
    expect(seen).not.toContain("kalasti");
    expect(seen).not.toContain(createdRef);
  });
});
