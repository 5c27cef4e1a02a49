import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, auditLog, participants, pilots } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { action as newActivityAction } from "#app/routes/staff.activities.new.tsx";
import { action as newParticipantAction } from "#app/routes/participants.new.tsx";
import { action as newPilotAction } from "#app/routes/staff.pilots.new.tsx";
import {
  BASE,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

/**
 * The one schedule editor through the three forms' actions, as a browser
 * posts them: a bad row is a field error on that row (with the editor's
 * words) and nothing is written; the add and remove buttons without
 * JavaScript answer with the rows changed and nothing saved; an empty
 * editor is fine (times are optional on all three).
 */
type Fields = Record<string, string | string[]>;
type Action = typeof newActivityAction;

let staff: Awaited<ReturnType<typeof createUser>>;
let worker: Awaited<ReturnType<typeof createUser>>;

const ACTIVITY: Fields = {
  title: "Lautapeli-ilta",
  description: "Pelataan.",
  interests: "lautapelit",
  kind: "group",
  municipality: "Parikkala",
  languages: ["fi"],
  status: "open",
  enrolled: "0",
};
const PARTICIPANT: Fields = {
  municipality: "Parikkala",
  languages: ["fi"],
  interests: "lautapelit",
  consentGiven: "on",
};
const PILOT: Fields = {
  displayName: "Aino",
  municipality: "Parikkala",
  languages: ["fi"],
  interests: "lautapelit",
  capacity: "2",
};

const FORMS: {
  name: string;
  action: Action;
  url: string;
  base: Fields;
  user: () => typeof staff;
}[] = [
  {
    name: "activity",
    action: newActivityAction,
    url: "/staff/activities/new",
    base: ACTIVITY,
    user: () => staff,
  },
  {
    name: "participant",
    action: newParticipantAction as Action,
    url: "/participants/new",
    base: PARTICIPANT,
    user: () => worker,
  },
  {
    name: "pilot",
    action: newPilotAction as Action,
    url: "/staff/pilots/new",
    base: PILOT,
    user: () => staff,
  },
];

const row = (i: number, weekday: string, start: string, end: string): Fields => ({
  [`schedule.${i}.weekday`]: weekday,
  [`schedule.${i}.start`]: start,
  [`schedule.${i}.end`]: end,
});

const counts = () =>
  [activities, participants, pilots, auditLog].map(
    (t) =>
      getDb()
        .select({ n: sql<number>`count(*)` })
        .from(t)
        .get()!.n,
  );

/** The action's answer: a Response returned or thrown (a redirect after saving). */
async function send(form: (typeof FORMS)[number], fields: Fields) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  const request = await signedInRequest(form.user().id, `${BASE}${form.url}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
  });
  try {
    return (await form.action({ request, params: {}, context: {} })) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

beforeAll(async () => {
  prepareDatabase();
  const org = createOrganization({ name: "Aikataulu ry" });
  staff = await createUser("staff", org.id);
  worker = await createUser("worker", org.id);
});

describe.each(FORMS)("the schedule editor on the $name form", (form) => {
  it.each([
    [
      "the end before the start",
      row(0, "2", "18:00", "17:00"),
      "schedule.0.end",
      "schedule.error.order",
    ],
    [
      "an unknown weekday",
      row(0, "8", "17:00", "18:00"),
      "schedule.0.weekday",
      "schedule.error.weekday",
    ],
    ["no weekday", row(0, "", "17:00", "18:00"), "schedule.0.weekday", "schedule.error.weekday"],
    ["a malformed time", row(0, "2", "7pm", "20:00"), "schedule.0.start", "schedule.error.time"],
    ["one time of two", row(0, "2", "17:00", ""), "schedule.0.end", "schedule.error.both"],
    // After an empty row and a good one, the error names the third row, not the second time.
    [
      "a bad third row",
      { ...row(0, "", "", ""), ...row(1, "1", "10:00", "11:00"), ...row(2, "3", "12:00", "12:00") },
      "schedule.2.end",
      "schedule.error.order",
    ],
  ])("%s is a 400 field error on its row and writes nothing", async (_, rows, field, message) => {
    const before = counts();
    const res = await send(form, { ...form.base, ...rows });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      fieldErrors: Record<string, string>;
      values: { schedule: unknown[] };
    };
    expect(body.fieldErrors).toEqual({ [field]: message });
    // The rows come back as typed, the empty one too, for the editor to show again.
    expect(body.values.schedule).toHaveLength(Object.keys(rows).length / 3);
    expect(counts()).toEqual(before);
  });

  it("names bad rows in the editor's order, so the error summary leads to the first", async () => {
    const res = await send(form, {
      ...form.base,
      ...row(0, "2", "18:00", "17:00"),
      ...row(1, "", "10:00", "11:00"),
    });
    expect(res.status).toBe(400);
    const { fieldErrors } = (await res.json()) as { fieldErrors: Record<string, string> };
    expect(Object.keys(fieldErrors).filter((k) => k.startsWith("schedule"))).toEqual([
      "schedule.0.end",
      "schedule.1.weekday",
    ]);
  });

  it("adds and removes rows without JavaScript: the form comes back as typed, nothing saved", async () => {
    const before = counts();
    const typed = { ...form.base, ...row(0, "2", "17:00", "19:00") };
    const added = await send(form, { ...typed, scheduleEdit: "add" });
    expect(added.status).toBe(200);
    const addedBody = (await added.json()) as {
      fieldErrors: object;
      values: Record<string, unknown>;
    };
    expect(addedBody.fieldErrors).toEqual({});
    expect(addedBody.values.schedule).toEqual([
      { weekday: "2", start: "17:00", end: "19:00" },
      { weekday: "", start: "", end: "" },
    ]);
    // Everything else typed is kept too.
    expect(JSON.stringify(addedBody.values)).toContain("lautapelit");

    const removed = await send(form, {
      ...typed,
      ...row(1, "5", "09:00", "10:00"),
      scheduleEdit: "remove:0",
    });
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as { values: { schedule: unknown } }).values.schedule).toEqual([
      { weekday: "5", start: "09:00", end: "10:00" },
    ]);
    expect(counts()).toEqual(before);
  });

  it("saves with an empty editor (times are optional) and with several times a day", async () => {
    const empty = await send(form, { ...form.base, ...row(0, "", "", "") });
    expect(empty.status).toBe(302);
    const twice = await send(form, {
      ...form.base,
      ...row(0, "3", "10:00", "12:00"),
      ...row(1, "3", "17:00", "19:00"),
    });
    expect(twice.status).toBe(302);
    const table = { activity: activities, participant: participants, pilot: pilots }[
      form.name as "activity"
    ];
    const [first, second] = getDb()
      .select({ schedule: table.schedule })
      .from(table)
      .orderBy(sql`id desc`)
      .limit(2)
      .all();
    expect(first!.schedule).toEqual([
      { weekday: 3, start: "10:00", end: "12:00" },
      { weekday: 3, start: "17:00", end: "19:00" },
    ]);
    expect(second!.schedule ?? []).toEqual([]);
  });
});

it("an activity's 21 weekly times (the contract's most) survive the form", async () => {
  const form = FORMS[0]!;
  const rows = Object.assign(
    {},
    ...Array.from({ length: 21 }, (_, i) =>
      row(i, String((i % 7) + 1), `0${Math.floor(i / 7) + 7}:00`, `0${Math.floor(i / 7) + 7}:30`),
    ),
  ) as Fields;
  const res = await send(form, { ...form.base, title: "Joka päivä kolmesti", ...rows });
  expect(res.status).toBe(302);
  const saved = getDb()
    .select({ schedule: activities.schedule })
    .from(activities)
    .where(eq(activities.title, "Joka päivä kolmesti"))
    .get()!;
  expect(saved.schedule).toHaveLength(21);
});
