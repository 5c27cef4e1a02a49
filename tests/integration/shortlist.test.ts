import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, participants, shortlistItems, users } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { saveParticipant } from "#app/modules/participants/participants.server.ts";
import { addToShortlist, listShortlist } from "#app/modules/participants/shortlist.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { loader as catalogLoader } from "#app/routes/_index.tsx";
import { loader as activityLoader } from "#app/routes/activities.$ref.tsx";
import { action as meAction, loader as meLoader } from "#app/routes/me._index.tsx";
import { action as pageAction } from "#app/routes/participants.$ref.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createPilot,
  createUser,
  prepareDatabase,
  signedInRequest,
  system,
} from "../factories/index.ts";

type User = Awaited<ReturnType<typeof createUser>>;

async function run(
  fn: (args: LoaderFunctionArgs) => unknown,
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

function withCookie(request: Request, cookie: string) {
  const headers = new Headers(request.headers);
  headers.set("Cookie", [headers.get("Cookie"), cookie].filter(Boolean).join("; "));
  return new Request(request, { headers });
}

let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };
let worker: User;
let workerB: User;
let participantUser: User;
let participantId: number;
const refs: Record<string, string> = {};

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
  orgA = createOrganization({ municipality: "Parikkala" });
  orgB = createOrganization({ municipality: "Savonlinna" });
  worker = await createUser("worker", orgA.id);
  workerB = await createUser("worker", orgB.id);
  participantUser = await createUser("participant", orgA.id);
  refs.fits = createActivity(orgA.id, { title: "Kalastuskerho" }).ref;
  refs.full = createActivity(orgA.id, { title: "Täysi kerho", capacity: 5, enrolled: 5 }).ref;
  refs.swedish = createActivity(orgA.id, { title: "Fiskeklubben", languages: ["sv"] }).ref;
  refs.wednesday = createActivity(orgA.id, {
    title: "Keskiviikkokerho",
    schedule: [{ weekday: 3, start: "17:00", end: "19:00" }],
  }).ref;
  refs.far = createActivity(orgA.id, { title: "Helsingin kerho", municipality: "Helsinki" }).ref;
  refs.closed = createActivity(orgA.id, { title: "Suljettu", status: "closed" }).ref;
  refs.pilot = createPilot(orgA.id, { displayName: "Matti" }).ref;
  participantId = saveParticipant(getDb(), system, {
    ref: "p-short-1",
    organizationId: orgA.id,
    fields: {
      municipality: "Parikkala",
      gender: "unknown",
      languages: ["fi"],
      interests: ["kalastus"],
      interestText: null,
      needs: { substanceFree: true, accessible: true },
      schedule: [{ weekday: 2, start: "16:00", end: "20:00" }],
    },
  }).id;
  getDb()
    .update(participants)
    .set({ userId: participantUser.id })
    .where(eq(participants.id, participantId))
    .run();
  await drainOutbox();
});

const actor = () =>
  ({ kind: "user", userId: worker.id, role: "worker", organizationId: orgA.id }) as const;

describe("the shortlist says in plain words what fits and what does not", () => {
  it("explains fullness, language, time, distance and needs", () => {
    for (const key of ["fits", "full", "swedish", "wednesday", "far"])
      expect(addToShortlist(actor(), participantId, { activityRef: refs[key]! }).ok).toBe(true);
    expect(addToShortlist(actor(), participantId, { pilotRef: refs.pilot! }).ok).toBe(true);
    expect(addToShortlist(actor(), participantId, { activityRef: refs.closed! })).toEqual({
      ok: false,
      error: "target-not-found",
    });
    const p = getDb().select().from(participants).where(eq(participants.id, participantId)).get()!;
    const list = listShortlist(p, "fi");
    const notes = (title: string) => list.find((s) => s.title === title)!.notes;
    const bad = (title: string) =>
      notes(title)
        .filter((n) => n.level !== "ok")
        .map((n) => n.text);
    const fits = (title: string) => list.find((s) => s.title === title)!.fits;
    expect(notes("Kalastuskerho")).toContainEqual({ level: "ok", text: "ti 17–19 sopii" });
    expect(notes("Kalastuskerho")).toContainEqual({ level: "ok", text: "päihteetön" });
    expect(bad("Kalastuskerho")).toEqual(["ei mainita: esteetön"]);
    expect(bad("Täysi kerho")).toContain("täynnä");
    expect(bad("Fiskeklubben")).toContain("vain ruotsiksi");
    expect(bad("Keskiviikkokerho")).toContain("ke 17–19 ei sovi");
    expect(bad("Helsingin kerho").join(" ")).toMatch(/^liian kaukana \(Helsinki, \d+ km\)/);
    // Only a broken hard rule makes an item "not fitting"; times and needs are worth a word.
    expect(notes("Kalastuskerho")).toContainEqual({ level: "mind", text: "ei mainita: esteetön" });
    expect(fits("Kalastuskerho")).toBe(true);
    expect(fits("Keskiviikkokerho")).toBe(true);
    expect([fits("Täysi kerho"), fits("Fiskeklubben"), fits("Helsingin kerho")]).toEqual([
      false,
      false,
      false,
    ]);
    const pilot = list.find((s) => s.type === "pilot")!;
    expect(pilot.notes).toContainEqual({ level: "ok", text: "1/2 paikkaa vapaana" });
    expect(pilot.notes).toContainEqual({ level: "ok", text: "yhteinen kiinnostus: kalastus" });
    const sv = listShortlist(p, "sv").find((s) => s.title === "Fiskeklubben")!;
    expect(sv.notes.map((n) => n.text)).toContain("bara på svenska");
  });
});

describe("browsing the catalog together", () => {
  it("offers 'add to the participant's list' only to a worker of the participant's organization", async () => {
    const cookie = "luotsi_browsing=p-short-1";
    const asWorker = await run(
      catalogLoader,
      withCookie(await signedInRequest(worker.id, `${BASE}/?q=kalastus`), cookie),
    );
    expect(((await asWorker.json()) as { browsing: unknown }).browsing).toEqual({
      ref: "p-short-1",
      self: false,
    });
    const asOther = await run(
      catalogLoader,
      withCookie(await signedInRequest(workerB.id, `${BASE}/?q=kalastus`), cookie),
    );
    expect(((await asOther.json()) as { browsing: unknown }).browsing).toBeNull();
    const anonymous = await run(catalogLoader, withCookie(new Request(`${BASE}/`), cookie));
    expect(((await anonymous.json()) as { browsing: unknown }).browsing).toBeNull();
    const page = await run(
      activityLoader,
      withCookie(await signedInRequest(worker.id, `${BASE}/activities/${refs.fits}`), cookie),
      { ref: refs.fits! },
    );
    expect(((await page.json()) as { browsing: unknown }).browsing).toEqual({
      ref: "p-short-1",
      self: false,
    });
    // On the participant's own phone the catalog fills their own list.
    const own = await run(catalogLoader, await signedInRequest(participantUser.id, `${BASE}/`));
    expect(((await own.json()) as { browsing: unknown }).browsing).toEqual({
      ref: "p-short-1",
      self: true,
    });
  });

  it("adds from the catalog and returns to the same search; another organization gets 404", async () => {
    const fresh = createActivity(orgA.id, { title: "Uusi kerho" }).ref;
    const body = new FormData();
    body.append("intent", "shortlistAdd");
    body.append("activityRef", fresh);
    body.append("redirectTo", "/?q=kerho");
    const res = await run(
      pageAction,
      await signedInRequest(worker.id, `${BASE}/participants/p-short-1`, {
        method: "POST",
        body,
      }),
      { ref: "p-short-1" },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/?q=kerho");
    const before = getDb()
      .select({ n: sql<number>`count(*)` })
      .from(shortlistItems)
      .get()!.n;
    const body2 = new FormData();
    body2.append("intent", "shortlistAdd");
    body2.append("activityRef", refs.fits!);
    const denied = await run(
      pageAction,
      await signedInRequest(workerB.id, `${BASE}/participants/p-short-1`, {
        method: "POST",
        body: body2,
      }),
      { ref: "p-short-1" },
    );
    expect(denied.status).toBe(404);
    expect(
      getDb()
        .select({ n: sql<number>`count(*)` })
        .from(shortlistItems)
        .get()!.n,
    ).toBe(before);
  });
});

describe("the participant's own account", () => {
  it("shows the same shortlist and lets them remove an item, but only their own", async () => {
    const page = (await (
      await run(meLoader, await signedInRequest(participantUser.id, `${BASE}/me`))
    ).json()) as { shortlist: { id: number; title: string }[]; participant: { ref: string } };
    expect(page.participant.ref).toBe("p-short-1");
    expect(page.shortlist.map((s) => s.title)).toContain("Kalastuskerho");
    // Reading one's own data is not a professional read: no participant.read row.
    const reads = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorUserId, participantUser.id))
      .all();
    expect(reads.filter((r) => r.action === "participant.read")).toHaveLength(0);

    const mine = createActivity(orgA.id, { title: "Oma löytö" }).ref;
    const add = new FormData();
    add.append("intent", "shortlistAdd");
    add.append("activityRef", mine);
    add.append("redirectTo", "/?q=oma");
    const added = await run(
      meAction,
      await signedInRequest(participantUser.id, `${BASE}/me`, { method: "POST", body: add }),
    );
    expect(added.headers.get("Location")).toBe("/?q=oma");
    const item = page.shortlist.find((s) => s.title === "Täysi kerho")!;
    const remove = new FormData();
    remove.append("intent", "shortlistRemove");
    remove.append("itemId", String(item.id));
    const res = await run(
      meAction,
      await signedInRequest(participantUser.id, `${BASE}/me`, { method: "POST", body: remove }),
    );
    expect(res.status).toBe(302);
    expect(
      getDb().select().from(shortlistItems).where(eq(shortlistItems.id, item.id)).get(),
    ).toBeUndefined();

    const again = (await (
      await run(meLoader, await signedInRequest(participantUser.id, `${BASE}/me`))
    ).json()) as { shortlist: { title: string }[] };
    expect(again.shortlist.map((s) => s.title)).toContain("Oma löytö");
    const bad = new FormData();
    bad.append("intent", "shortlistRemove");
    bad.append("itemId", "abc");
    expect(
      (
        await run(
          meAction,
          await signedInRequest(participantUser.id, `${BASE}/me`, { method: "POST", body: bad }),
        )
      ).status,
    ).toBe(400);

    // Someone else's participant account cannot touch this list.
    const stranger = await createUser("participant", orgA.id);
    expect((await run(meLoader, await signedInRequest(stranger.id, `${BASE}/me`))).status).toBe(
      200,
    );
    const other = page.shortlist.find((s) => s.title === "Kalastuskerho")!;
    const steal = new FormData();
    steal.append("intent", "shortlistRemove");
    steal.append("itemId", String(other.id));
    expect(
      (
        await run(
          meAction,
          await signedInRequest(stranger.id, `${BASE}/me`, { method: "POST", body: steal }),
        )
      ).status,
    ).toBe(404);
    expect(
      getDb().select().from(shortlistItems).where(eq(shortlistItems.id, other.id)).get(),
    ).toBeDefined();
    expect(getDb().select().from(users).where(eq(users.id, worker.id)).get()).toBeDefined();
    expect((await run(meLoader, await signedInRequest(worker.id, `${BASE}/me`))).status).toBe(403);
  });
});
