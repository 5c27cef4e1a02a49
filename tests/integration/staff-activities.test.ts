import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, auditLog } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { searchCatalogInIndex } from "#app/modules/catalog/activity-search.server.ts";
import { readActivityForm } from "#app/modules/staff/activity-form-schema.ts";
import { publicActivityPage } from "#app/modules/catalog/activity-page.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { action as editAction, loader as editLoader } from "#app/routes/staff.activities.$ref.tsx";
import { action as newAction } from "#app/routes/staff.activities.new.tsx";
import { loader as staffLoader } from "#app/routes/staff._index.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

type U = Awaited<ReturnType<typeof createUser>>;
let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };
let staffA: U;
let staffB: U;
let worker: U;

const FISHING: Record<string, string | string[]> = {
  title: "Kalastuskerho",
  description: "Kalastetaan yhdessä.",
  interests: "kalastus, luonto",
  kind: "group",
  municipality: "Parikkala",
  address: "Rantatie 1",
  lat: "",
  lon: "",
  languages: ["fi"],
  // The schedule editor's first row: Tuesday 17–19.
  "schedule.0.weekday": "2",
  "schedule.0.start": "17:00",
  "schedule.0.end": "19:00",
  "threshold.free": "on",
  "threshold.dropIn": "on",
  "threshold.substanceFree": "on",
  minAge: "",
  maxAge: "",
  capacity: "12",
  enrolled: "7",
  status: "open",
};

function formOf(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  }
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

const count = (table: typeof activities | typeof auditLog) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
  orgA = createOrganization({ name: "SaimaanVirta ry" });
  orgB = createOrganization({ name: "Toinen ry", municipality: "Savonlinna" });
  staffA = await createUser("staff", orgA.id);
  staffB = await createUser("staff", orgB.id);
  worker = await createUser("worker", orgA.id);
});

describe("staff publish activities", () => {
  it("publishes Kalastuskerho and it is found in the public search after one drain", async () => {
    let ref = "";
    try {
      await newAction({
        request: await post(staffA, `${BASE}/staff/activities/new`, FISHING),
        params: {},
        context: {},
      });
    } catch (e) {
      expect(e).toBeInstanceOf(Response);
      const location = (e as Response).headers.get("Location")!;
      ref = decodeURIComponent(location.split("/").pop()!.split("?")[0]!);
    }
    expect(ref).toMatch(/^act-kalastuskerho-/);
    const row = getDb().select().from(activities).where(eq(activities.ref, ref)).get()!;
    expect(row).toMatchObject({
      organizationId: orgA.id,
      title: "Kalastuskerho",
      municipality: "Parikkala",
      schedule: [{ weekday: 2, start: "17:00", end: "19:00" }],
      threshold: { free: true, dropIn: true, substanceFree: true },
      capacity: 12,
      enrolled: 7,
      status: "open",
      address: "Rantatie 1",
    });
    expect(row.lastCheckedAt).not.toBeNull();
    await drainOutbox();
    const found = await searchCatalogInIndex({
      q: "kalastus",
      municipality: "Parikkala",
      page: 1,
      pageSize: 20,
    });
    expect(found.hits.map((h) => h.ref)).toContain(ref);
    const audit = getDb().select().from(auditLog).where(eq(auditLog.entityId, ref)).all();
    expect(audit.map((a) => a.action)).toContain("activity.create");
    expect(audit[0]?.actorUserId).toBe(staffA.id);
  });

  it("keeps how to join and the contact person, and shows them on the public page", async () => {
    let ref = "";
    try {
      await newAction({
        request: await post(staffA, `${BASE}/staff/activities/new`, {
          ...FISHING,
          title: "Kalastuskerho Simpele",
          howToJoin: "Tule suoraan rantaan, ilmoittautumista ei tarvita.",
          contactName: "Anna",
          contactPhone: "040 765 4321",
          contactEmail: "",
        }),
        params: {},
        context: {},
      });
    } catch (e) {
      ref = decodeURIComponent((e as Response).headers.get("Location")!.split("/").pop()!);
      ref = ref.split("?")[0]!;
    }
    const row = getDb().select().from(activities).where(eq(activities.ref, ref)).get()!;
    expect(row).toMatchObject({
      howToJoin: "Tule suoraan rantaan, ilmoittautumista ei tarvita.",
      contactName: "Anna",
      contactPhone: "040 765 4321",
      contactEmail: null,
    });
    const page = publicActivityPage(ref, "fi")!;
    expect(page.activity.howToJoin).toBe("Tule suoraan rantaan, ilmoittautumista ei tarvita.");
    expect(page.activity.contact).toEqual({ name: "Anna", phone: "040 765 4321", email: null });
    // A name alone does not reach anyone; a bad e-mail address is named as such, in Finnish.
    const form = (fields: Record<string, string>) =>
      readActivityForm(formOf({ ...FISHING, ...fields }));
    expect(form({ contactName: "Anna" })).toEqual({
      ok: false,
      fieldErrors: { contactPhone: "staff.error.contactPhone" },
    });
    expect(form({ contactEmail: "anna(at)example" })).toEqual({
      ok: false,
      fieldErrors: { contactEmail: "staff.error.contactEmail" },
    });
    expect(form({ contactPhone: "soita" })).toEqual({
      ok: false,
      fieldErrors: { contactPhone: "staff.error.contactPhone" },
    });
    expect(form({ howToJoin: "x".repeat(1001) })).toEqual({
      ok: false,
      fieldErrors: { howToJoin: "staff.error.howToJoin" },
    });
  });

  it("answers bad input with 400 field errors and writes nothing", async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{ title: "" }, "title"],
      [{ kind: "party" }, "kind"],
      [{ municipality: "Atlantis" }, "municipality"],
      [{ lat: "95", lon: "29" }, "lat"],
      [{ lat: "61.5" }, "lon"],
      [{ "schedule.0.end": "16:00" }, "schedule.0.end"],
      [{ "schedule.1.weekday": "3", "schedule.1.start": "10:00" }, "schedule.1.end"],
      [{ "schedule.0.start": "25:00" }, "schedule.0.start"],
      [{ "schedule.0.weekday": "8" }, "schedule.0.weekday"],
      [{ languages: [] }, "languages"],
      [{ languagesOther: "finnish" }, "languages"],
      [{ minAge: "30", maxAge: "20" }, "maxAge"],
      [{ capacity: "-1" }, "capacity"],
      [{ capacity: "abc" }, "capacity"],
      [{ enrolled: "1.5" }, "enrolled"],
      [{ status: "deleted" }, "status"],
      [{ title: "x".repeat(121) }, "title"],
      // A postal code is five digits that Posti knows (ADR 025).
      [{ postalCode: "5910" }, "postalCode"],
      [{ postalCode: "00001" }, "postalCode"],
    ];
    const before = [count(activities), count(auditLog)];
    for (const [change, field] of cases) {
      const res = (await newAction({
        request: await post(staffA, `${BASE}/staff/activities/new`, { ...FISHING, ...change }),
        params: {},
        context: {},
      })) as Response;
      expect(res.status, field).toBe(400);
      const body = await res.json();
      expect(Object.keys(body.fieldErrors), JSON.stringify(change)).toContain(field);
      expect(body.values.title).toBe(change.title ?? FISHING.title);
    }
    expect([count(activities), count(auditLog)]).toEqual(before);
  });

  it("takes the municipality and the address's post town from a postal code", async () => {
    let ref = "";
    try {
      await newAction({
        request: await post(staffA, `${BASE}/staff/activities/new`, {
          ...FISHING,
          title: "Pilkkikerho",
          municipality: "",
          postalCode: "58900",
        }),
        params: {},
        context: {},
      });
    } catch (e) {
      ref = decodeURIComponent((e as Response).headers.get("Location")!.split("/").pop()!);
      ref = ref.split("?")[0]!;
    }
    const row = getDb().select().from(activities).where(eq(activities.ref, ref)).get()!;
    // No typed coordinates: distances use the municipality's centre until a map pin is placed.
    expect(row).toMatchObject({
      municipality: "Rantasalmi",
      address: "Rantatie 1, 58900 Rantasalmi",
      lat: null,
      lon: null,
    });
  });

  it("the browser-side check gives the same errors as the server", () => {
    const bad = readActivityForm(formOf({ ...FISHING, title: "", "schedule.0.end": "16:00" }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors).sort()).toEqual(["schedule.0.end", "title"]);
  });
});

describe("organization scoping", () => {
  it("staff of another organization get 404 for every read and change, and nothing changes", async () => {
    const mine = createActivity(orgA.id, { title: "Oma ryhmä" });
    const url = `${BASE}/staff/activities/${mine.ref}`;
    expect(
      await statusOf(
        editLoader({
          request: await signedInRequest(staffB.id, url),
          params: { ref: mine.ref },
          context: {},
        }),
      ),
    ).toBe(404);
    for (const intent of ["pause", "close", "reopen", "duplicate", "check"]) {
      expect(
        await statusOf(
          editAction({
            request: await post(staffB, url, { intent }),
            params: { ref: mine.ref },
            context: {},
          }),
        ),
        intent,
      ).toBe(404);
    }
    expect(
      await statusOf(
        editAction({
          request: await post(staffB, url, { ...FISHING, intent: "save", title: "Kaapattu" }),
          params: { ref: mine.ref },
          context: {},
        }),
      ),
    ).toBe(404);
    const row = getDb().select().from(activities).where(eq(activities.id, mine.id)).get()!;
    expect(row).toMatchObject({ title: "Oma ryhmä", status: "open" });
    const list = (await staffLoader({
      request: await signedInRequest(staffB.id, `${BASE}/staff`),
      params: {},
      context: {},
    })) as {
      activities: { ref: string }[];
    };
    expect(list.activities.map((a) => a.ref)).not.toContain(mine.ref);
    // Guessing a ref that does not exist looks the same.
    expect(
      await statusOf(
        editLoader({
          request: await signedInRequest(staffB.id, `${BASE}/staff/activities/nope`),
          params: { ref: "nope" },
          context: {},
        }),
      ),
    ).toBe(404);
  });

  it("other roles cannot use the staff pages", async () => {
    expect(
      await statusOf(
        staffLoader({
          request: await signedInRequest(worker.id, `${BASE}/staff`),
          params: {},
          context: {},
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        staffLoader({ request: new Request(`${BASE}/staff`), params: {}, context: {} }),
      ),
    ).toBe(302);
  });
});

describe("status changes reach search within one drain", () => {
  it("pause, reopen, close; duplicate starts paused; check clears the stale flag", async () => {
    const a = createActivity(orgA.id, { title: "Sienestysretki", interests: ["sienestys"] });
    await drainOutbox();
    const search = async () =>
      (await searchCatalogInIndex({ q: "sienestys", page: 1, pageSize: 20 })).hits.map(
        (h) => h.ref,
      );
    expect(await search()).toContain(a.ref);
    const url = `${BASE}/staff/activities/${a.ref}`;
    const act = async (intent: string) =>
      statusOf(
        editAction({
          request: await post(staffA, url, { intent }),
          params: { ref: a.ref },
          context: {},
        }),
      );
    expect(await act("pause")).toBe(302);
    await drainOutbox();
    expect(await search()).not.toContain(a.ref);
    expect(await act("reopen")).toBe(302);
    await drainOutbox();
    expect(await search()).toContain(a.ref);
    expect(await act("close")).toBe(302);
    await drainOutbox();
    expect(await search()).not.toContain(a.ref);
    const statuses = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, a.ref))
      .all()
      .filter((r) => r.action === "activity.status")
      .map((r) => r.changes);
    expect(statuses).toEqual([["status"], ["status"], ["status"]]);

    const before = count(activities);
    expect(await act("duplicate")).toBe(302);
    expect(count(activities)).toBe(before + 1);
    const copy = getDb()
      .select()
      .from(activities)
      .where(sql`${activities.title} like 'Sienestysretki (kopio)'`)
      .get();
    expect(copy).toMatchObject({ status: "paused", enrolled: 0, organizationId: orgA.id });

    getDb()
      .update(activities)
      .set({ lastCheckedAt: new Date(Date.now() - 100 * 86400_000) })
      .where(eq(activities.id, a.id))
      .run();
    const stale = (await editLoader({
      request: await signedInRequest(staffA.id, url),
      params: { ref: a.ref },
      context: {},
    })) as { stale: boolean };
    // Closed listings are not flagged; reopen to see the flag.
    expect(stale.stale).toBe(false);
    getDb().update(activities).set({ status: "open" }).where(eq(activities.id, a.id)).run();
    const flagged = (await editLoader({
      request: await signedInRequest(staffA.id, url),
      params: { ref: a.ref },
      context: {},
    })) as { stale: boolean };
    expect(flagged.stale).toBe(true);
    expect(await act("check")).toBe(302);
    const checked = (await editLoader({
      request: await signedInRequest(staffA.id, url),
      params: { ref: a.ref },
      context: {},
    })) as { stale: boolean };
    expect(checked.stale).toBe(false);
  });

  it("adds a second time on the same day through another row of the schedule editor", async () => {
    const a = createActivity(orgA.id, { title: "Kahdesti keskiviikkona" });
    const res = await statusOf(
      editAction({
        request: await post(staffA, `${BASE}/staff/activities/${a.ref}`, {
          ...FISHING,
          intent: "save",
          "schedule.1.weekday": "3",
          "schedule.1.start": "10:00",
          "schedule.1.end": "12:00",
          "schedule.2.weekday": "3",
          "schedule.2.start": "17:00",
          "schedule.2.end": "19:00",
        }),
        params: { ref: a.ref },
        context: {},
      }),
    );
    expect(res).toBe(302);
    expect(
      getDb().select().from(activities).where(eq(activities.id, a.id)).get()?.schedule,
    ).toEqual([
      { weekday: 2, start: "17:00", end: "19:00" },
      { weekday: 3, start: "10:00", end: "12:00" },
      { weekday: 3, start: "17:00", end: "19:00" },
    ]);
    // A second time that ends before it starts is refused on its own row.
    const bad = readActivityForm(
      formOf({
        ...FISHING,
        "schedule.1.weekday": "3",
        "schedule.1.start": "17:00",
        "schedule.1.end": "16:00",
      }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors)).toEqual(["schedule.1.end"]);
  });

  it("edits through the form keep every field", async () => {
    const a = createActivity(orgA.id, { title: "Muokattava" });
    const url = `${BASE}/staff/activities/${a.ref}`;
    const res = await statusOf(
      editAction({
        request: await post(staffA, url, {
          ...FISHING,
          intent: "save",
          title: "Muokattu",
          // Tuesday's row emptied (left out), Thursday's added.
          "schedule.0.weekday": "",
          "schedule.0.start": "",
          "schedule.0.end": "",
          "schedule.1.weekday": "4",
          "schedule.1.start": "18:00",
          "schedule.1.end": "20:30",
          lat: "61,55",
          lon: "29.5",
          minAge: "16",
          maxAge: "29",
          languages: ["fi", "sv"],
          languagesOther: "de",
        }),
        params: { ref: a.ref },
        context: {},
      }),
    );
    expect(res).toBe(302);
    expect(getDb().select().from(activities).where(eq(activities.id, a.id)).get()).toMatchObject({
      title: "Muokattu",
      schedule: [{ weekday: 4, start: "18:00", end: "20:30" }],
      lat: 61.55,
      lon: 29.5,
      minAge: 16,
      maxAge: 29,
      languages: ["fi", "sv", "de"],
    });
  });
});

describe("an edit does not undo an accept made meanwhile", () => {
  it("keeps the enrolled count the form left untouched", async () => {
    const a = createActivity(orgA.id, { title: "Samanaikainen", capacity: 10, enrolled: 3 });
    const url = `${BASE}/staff/activities/${a.ref}`;
    // The page was loaded at 3; an accept then made it 4.
    getDb().update(activities).set({ enrolled: 4 }).where(eq(activities.id, a.id)).run();
    const save = async (fields: Record<string, string>) =>
      statusOf(
        editAction({
          request: await post(staffA, url, {
            ...FISHING,
            intent: "save",
            title: "Samanaikainen",
            capacity: "10",
            ...fields,
          }),
          params: { ref: a.ref },
          context: {},
        }),
      );
    expect(await save({ enrolled: "3", enrolledLoaded: "3" })).toBe(302);
    expect(getDb().select().from(activities).where(eq(activities.id, a.id)).get()?.enrolled).toBe(
      4,
    );
    // A count the staff member changed is theirs.
    expect(await save({ enrolled: "6", enrolledLoaded: "4" })).toBe(302);
    expect(getDb().select().from(activities).where(eq(activities.id, a.id)).get()?.enrolled).toBe(
      6,
    );
  });
});
