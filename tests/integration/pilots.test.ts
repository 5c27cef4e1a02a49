import { eq, sql } from "drizzle-orm";
import { listTrainingsOfPilots } from "#app/modules/pilots/pilot-trainings.server.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, participants, pilots } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili, indexUid } from "#app/infra/meili.server.ts";
import { sendReferrals } from "#app/modules/referrals/referral-sending.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { action as pilotAction, loader as pilotLoader } from "#app/routes/pilot._index.tsx";
import {
  action as staffPilotAction,
  loader as staffPilotLoader,
} from "#app/routes/staff.pilots.$ref.tsx";
import { loader as staffPilotsLoader } from "#app/routes/staff.pilots._index.tsx";
import {
  BASE,
  createOrganization,
  createPilot,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

type U = Awaited<ReturnType<typeof createUser>>;
let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };
let matti: { id: number; ref: string };
let liisa: { id: number; ref: string };
let mattiUser: U;
let liisaUser: U;
let staffA: U;
let staffB: U;
let worker: U;

const PROFILE: Record<string, string | string[]> = {
  intent: "profile",
  displayName: "Matti",
  municipality: "Parikkala",
  languages: ["fi"],
  interests: "kalastus, puutyöt",
  bio: "Eläkkeellä oleva puuseppä.",
  capacity: "3",
  acceptingMentees: "on",
  "schedule.0.weekday": "6",
  "schedule.0.start": "09:00",
  "schedule.0.end": "15:00",
  trainingCourse: "Toimintaluotsikoulutus",
  trainingDate: "2026-03-14",
};

function formOf(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return body;
}

async function post(user: U, url: string, fields: Record<string, string | string[]>) {
  return signedInRequest(user.id, url, {
    method: "POST",
    body: formOf(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
  });
}

async function statusOf(p: Promise<unknown>) {
  try {
    const r = await p;
    return r instanceof Response ? r.status : 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

const pilotRow = (id: number) => getDb().select().from(pilots).where(eq(pilots.id, id)).get()!;
const auditCount = () =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .get()!.n;

async function pilotDoc(id: number) {
  return getMeili()!.index(indexUid("pilots")).getDocument(id) as Promise<{
    suggestable: boolean;
    acceptingMentees: boolean;
  }>;
}

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
  orgA = createOrganization({ name: "SaimaanVirta ry" });
  orgB = createOrganization({ name: "Toinen ry", municipality: "Savonlinna" });
  mattiUser = await createUser("pilot", orgA.id);
  liisaUser = await createUser("pilot", orgA.id);
  staffA = await createUser("staff", orgA.id);
  staffB = await createUser("staff", orgB.id);
  worker = await createUser("worker", orgA.id);
  matti = createPilot(orgA.id, { displayName: "Matti", capacity: 2, activeMentees: 1 });
  liisa = createPilot(orgA.id, { displayName: "Liisa" });
  getDb().update(pilots).set({ userId: mattiUser.id }).where(eq(pilots.id, matti.id)).run();
  getDb().update(pilots).set({ userId: liisaUser.id }).where(eq(pilots.id, liisa.id)).run();
  await drainOutbox();
});

describe("a pilot manages their own profile", () => {
  it("edits every field but not the active mentee count", async () => {
    const res = (await pilotAction({
      request: await post(mattiUser, `${BASE}/pilot`, { ...PROFILE, activeMentees: "0" }),
      params: {},
      context: {},
    })) as Response;
    expect(res.status).toBe(200);
    expect(pilotRow(matti.id)).toMatchObject({
      interests: ["kalastus", "puutyöt"],
      capacity: 3,
      activeMentees: 1,
      schedule: [{ weekday: 6, start: "09:00", end: "15:00" }],
      // The pilot's own form keeps the status staff set.
      trainingStatus: "trained",
    });
    // The course and date are a training record of the pilot's organization (issue #17).
    expect(listTrainingsOfPilots([matti.id]).get(matti.id)).toEqual([
      { date: "2026-03-14", topic: "Toimintaluotsikoulutus", organizationId: expect.any(Number) },
    ]);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, matti.ref))
      .all()
      .at(-1);
    expect(audit).toMatchObject({ action: "pilot.update", actorUserId: mattiUser.id });
    // The names of the fields that changed, never their values.
    expect(audit?.changes).toContain("capacity");
    expect(audit?.changes).not.toContain("activeMentees");
    expect(JSON.stringify(audit?.changes)).not.toContain("Toimintaluotsikoulutus");
  });

  it("cannot edit another pilot: there is no id to send, and staff pages are closed to pilots", async () => {
    const before = pilotRow(liisa.id);
    await pilotAction({
      request: await post(mattiUser, `${BASE}/pilot`, {
        ...PROFILE,
        ref: liisa.ref,
        pilotId: String(liisa.id),
        displayName: "Kaapattu",
      }),
      params: {},
      context: {},
    });
    expect(pilotRow(liisa.id)).toEqual(before);
    expect(
      await statusOf(
        staffPilotAction({
          request: await post(mattiUser, `${BASE}/staff/pilots/${liisa.ref}`, PROFILE),
          params: { ref: liisa.ref },
          context: {},
        }),
      ),
    ).toBe(403);
    const mine = (await pilotLoader({
      request: await signedInRequest(liisaUser.id, `${BASE}/pilot`),
      params: {},
      context: {},
    })) as {
      pilot: { displayName: string };
    };
    expect(mine.pilot.displayName).toBe("Liisa");
  });

  it("bad input gives 400 field errors and writes nothing", async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{ displayName: "" }, "displayName"],
      [{ displayName: "x".repeat(41) }, "displayName"],
      [{ municipality: "Atlantis" }, "municipality"],
      [{ languages: [] }, "languages"],
      [{ capacity: "0" }, "capacity"],
      [{ capacity: "" }, "capacity"],
      [{ capacity: "kaksi" }, "capacity"],
      [{ "schedule.0.end": "08:00" }, "schedule.0.end"],
      [{ "schedule.1.weekday": "1", "schedule.1.end": "10:00" }, "schedule.1.start"],
      [{ "schedule.1.start": "10:00", "schedule.1.end": "12:00" }, "schedule.1.weekday"],
      [{ trainingDate: "14.3.2026" }, "trainingDate"],
      [{ bio: "x".repeat(1001) }, "bio"],
    ];
    const before = [pilotRow(matti.id), auditCount()];
    for (const [change, field] of cases) {
      const res = (await pilotAction({
        request: await post(mattiUser, `${BASE}/pilot`, { ...PROFILE, ...change }),
        params: {},
        context: {},
      })) as Response;
      expect(res.status, field).toBe(400);
      expect(Object.keys((await res.json()).fieldErrors), JSON.stringify(change)).toContain(field);
    }
    const bad = (await pilotAction({
      request: await post(mattiUser, `${BASE}/pilot`, { intent: "accepting", accepting: "maybe" }),
      params: {},
      context: {},
    })) as Response;
    expect(bad.status).toBe(400);
    expect([pilotRow(matti.id), auditCount()]).toEqual(before);
  });

  it("saving the profile after 'not taking new ones now' keeps accepting off: the switch is its one source", async () => {
    const act = async (fields: Record<string, string | string[]>) =>
      pilotAction({
        request: await post(mattiUser, `${BASE}/pilot`, fields),
        params: {},
        context: {},
      });
    await act({ intent: "accepting", accepting: "off" });
    // The old form still carried a ticked box; a forged one changes nothing either.
    await act({ ...PROFILE, bio: "Puuseppä, kalastan." });
    expect(pilotRow(matti.id)).toMatchObject({
      acceptingMentees: false,
      bio: "Puuseppä, kalastan.",
    });
    const page = (await pilotLoader({
      request: await signedInRequest(mattiUser.id, `${BASE}/pilot`),
      params: {},
      context: {},
    })) as { pilot: { acceptingMentees: boolean }; values: { acceptingMentees: boolean } };
    expect([page.pilot.acceptingMentees, page.values.acceptingMentees]).toEqual([false, false]);
    await act({ intent: "accepting", accepting: "on" });
    await act({ ...PROFILE, acceptingMentees: [] });
    expect(pilotRow(matti.id).acceptingMentees).toBe(true);
  });

  it("turning accepting off leaves the suggestable set at the next drain; on brings it back; full is never suggestable", async () => {
    const toggle = async (accepting: "on" | "off") =>
      pilotAction({
        request: await post(mattiUser, `${BASE}/pilot`, { intent: "accepting", accepting }),
        params: {},
        context: {},
      });
    await toggle("off");
    expect(pilotRow(matti.id).acceptingMentees).toBe(false);
    await drainOutbox();
    expect(await pilotDoc(matti.id)).toMatchObject({ acceptingMentees: false, suggestable: false });
    await toggle("on");
    await drainOutbox();
    expect(await pilotDoc(matti.id)).toMatchObject({ acceptingMentees: true, suggestable: true });
    const doc = (await pilotDoc(matti.id)) as unknown as Record<string, unknown>;
    for (const secret of ["userId", "trainingCourse", "trainingDate", "email"])
      expect(doc).not.toHaveProperty(secret);

    // A pilot who accepts the last free place leaves the set at once.
    const participantId = getDb()
      .insert(participants)
      .values({
        ref: "p-pilot-test",
        organizationId: orgA.id,
        municipality: "Parikkala",
        languages: ["fi"],
      })
      .returning({ id: participants.id })
      .get().id;
    getDb()
      .update(pilots)
      .set({ capacity: 2, activeMentees: 1 })
      .where(eq(pilots.id, matti.id))
      .run();
    const sent = await sendReferrals(getDb(), worker, {
      participantId,
      targets: [{ pilotId: matti.id }],
    });
    if (!sent.ok) throw new Error(sent.error);
    const res = (await pilotAction({
      request: await post(mattiUser, `${BASE}/pilot`, {
        intent: "accept",
        referralId: String(sent.referrals[0]!.id),
        message: "Sovitaan lauantai",
      }),
      params: {},
      context: {},
    })) as Response;
    expect(await res.json()).toMatchObject({ done: "accepted" });
    expect(pilotRow(matti.id).activeMentees).toBe(2);
    await drainOutbox();
    expect(await pilotDoc(matti.id)).toMatchObject({ acceptingMentees: true, suggestable: false });
  });
});

describe("staff manage their organization's pilots", () => {
  it("lists and edits their own pilots, including the active count", async () => {
    const list = (await staffPilotsLoader({
      request: await signedInRequest(staffA.id, `${BASE}/staff/pilots`),
      params: {},
      context: {},
    })) as {
      pilots: { ref: string }[];
    };
    expect(list.pilots.map((p) => p.ref).sort()).toEqual([liisa.ref, matti.ref].sort());
    const status = await statusOf(
      staffPilotAction({
        request: await post(staffA, `${BASE}/staff/pilots/${liisa.ref}`, {
          ...PROFILE,
          displayName: "Liisa",
          activeMentees: "1",
        }),
        params: { ref: liisa.ref },
        context: {},
      }),
    );
    expect(status).toBe(302);
    expect(pilotRow(liisa.id)).toMatchObject({
      displayName: "Liisa",
      activeMentees: 1,
      capacity: 3,
    });
  });

  it("another organization's staff get 404 and change nothing", async () => {
    const before = pilotRow(liisa.id);
    expect(
      await statusOf(
        staffPilotLoader({
          request: await signedInRequest(staffB.id, `${BASE}/staff/pilots/${liisa.ref}`),
          params: { ref: liisa.ref },
          context: {},
        }),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        staffPilotAction({
          request: await post(staffB, `${BASE}/staff/pilots/${liisa.ref}`, {
            ...PROFILE,
            displayName: "Kaapattu",
          }),
          params: { ref: liisa.ref },
          context: {},
        }),
      ),
    ).toBe(404);
    const list = (await staffPilotsLoader({
      request: await signedInRequest(staffB.id, `${BASE}/staff/pilots`),
      params: {},
      context: {},
    })) as {
      pilots: unknown[];
    };
    expect(list.pilots).toEqual([]);
    expect(pilotRow(liisa.id)).toEqual(before);
  });
});

describe("staff add a pilot without an account", () => {
  it("creates the profile in their own organization; bad input writes nothing; other roles are refused", async () => {
    const { action: newPilotAction } = await import("#app/routes/staff.pilots.new.tsx");
    const before = getDb()
      .select({ n: sql<number>`count(*)` })
      .from(pilots)
      .get()!.n;
    const bad = (await newPilotAction({
      request: await post(staffA, `${BASE}/staff/pilots/new`, { ...PROFILE, displayName: "" }),
      params: {},
      context: {},
    })) as Response;
    expect(bad.status).toBe(400);
    expect(
      await statusOf(
        newPilotAction({
          request: await post(mattiUser, `${BASE}/staff/pilots/new`, PROFILE),
          params: {},
          context: {},
        }),
      ),
    ).toBe(403);
    expect(
      getDb()
        .select({ n: sql<number>`count(*)` })
        .from(pilots)
        .get()!.n,
    ).toBe(before);
    let location = "";
    try {
      await newPilotAction({
        request: await post(staffA, `${BASE}/staff/pilots/new`, {
          ...PROFILE,
          displayName: "Pekka",
          activeMentees: "0",
        }),
        params: {},
        context: {},
      });
    } catch (e) {
      location = (e as Response).headers.get("Location") ?? "";
    }
    const ref = decodeURIComponent(location.split("/").pop()!.split("?")[0]!);
    expect(getDb().select().from(pilots).where(eq(pilots.ref, ref)).get()).toMatchObject({
      displayName: "Pekka",
      organizationId: orgA.id,
      userId: null,
    });
  });
});
