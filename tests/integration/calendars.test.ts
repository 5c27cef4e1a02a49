import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server.ts";
import { saveActivity } from "#app/modules/catalog/catalog.server.ts";
import { loader as activityIcal } from "#app/routes/activities.$ref.ical.tsx";
import { loader as organizationFeed } from "#app/routes/calendars.organizations.$ref.ts";
import { loader as municipalityFeed } from "#app/routes/calendars.municipalities.$name.ts";
import {
  activityFields,
  BASE,
  createActivity,
  createOrganization,
  prepareDatabase,
  system,
} from "../factories/index.ts";
import { parseCalendar } from "../support/ical.ts";
import type { ActivityFields } from "#app/modules/catalog/activity-schema.ts";

type Loader = (args: never) => Promise<Response>;

async function get(loader: Loader, path: string, params: Record<string, string>, headers = {}) {
  const res = await loader({
    request: new Request(`${BASE}${path}`, { headers }),
    params,
    context: {},
  } as never);
  return { res, text: await res.text() };
}

let org: { id: number; ref: string };
let other: { id: number; ref: string };

function update(ref: string, organizationId: number, fields: Partial<ActivityFields>) {
  getDb().transaction((tx) =>
    saveActivity(tx as never, system, { ref, organizationId, fields: activityFields(fields) }),
  );
}

beforeAll(() => {
  prepareDatabase();
  org = createOrganization({ name: "Kalenteri, Koe ry", municipality: "Parikkala" });
  other = createOrganization({ name: "Toinen ry", municipality: "Vaasa" });
});

describe("an activity's calendar file", () => {
  it("has one weekly event per weekly time, in Helsinki time, that ical.js reads back", async () => {
    const a = createActivity(org.id, {
      title: "Kala; kerho, ja \\ muuta\u0007",
      description: "Rivi yksi\r\nrivi kaksi\rrivi kolme\nloppu\u0000\u001b",
      location: { address: "Kauppatie 4\r\nBEGIN:VEVENT, 59100 Parikkala", lat: 61.55, lon: 29.5 },
      schedule: [
        { weekday: 2, start: "17:00", end: "19:00" },
        { weekday: 4, start: "10:00", end: "11:30" },
      ],
    });
    const { res, text } = await get(activityIcal, `/activities/${a.ref}/ical`, { ref: a.ref });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain(`${a.ref}.ics`);
    // Every line is CRLF-terminated and at most 75 octets (RFC 5545 3.1).
    expect(text.endsWith("\r\n")).toBe(true);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);
    // TEXT allows no control characters but tab (RFC 5545 3.3.11).
    expect(text).not.toMatch(/(?![\t\r\n])\p{Cc}/u);
    expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(2);

    const cal = parseCalendar(text);
    expect(cal.events).toHaveLength(2);
    for (const e of cal.events) {
      // Text survives escaping: commas, semicolons, backslashes, every kind of line break.
      expect(e.summary).toBe("Kala; kerho, ja \\ muuta");
      expect(e.description).toContain("Rivi yksi\nrivi kaksi\nrivi kolme\nloppu");
      expect(e.location).toBe("Kauppatie 4\nBEGIN:VEVENT, 59100 Parikkala");
      expect(e.tzid).toBe("Europe/Helsinki");
      expect(e.status).toBe("CONFIRMED");
    }
    const tuesday = cal.events.find((e) => e.rrule === "FREQ=WEEKLY;BYDAY=TU")!;
    const thursday = cal.events.find((e) => e.rrule === "FREQ=WEEKLY;BYDAY=TH")!;
    expect(tuesday && thursday).toBeTruthy();
    const helsinki = (d: Date) =>
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Helsinki",
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
      }).format(d);
    // Expanded by ical.js across a year, so both offsets (+02:00 and +03:00) are met.
    const starts = tuesday.startsFrom(new Date(), 53);
    expect(starts).toHaveLength(53);
    for (const s of starts) expect(helsinki(s)).toBe("Tue 17:00");
    for (const s of thursday.startsFrom(new Date(), 53)) expect(helsinki(s)).toBe("Thu 10:00");
    expect(thursday.end.getTime() - thursday.start.getTime()).toBe(90 * 60_000);
    // Only the injected text's own line exists: no second VEVENT from the address.
    expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(2);
  });

  it("keeps every event's UID when the weekly times are reordered or one is removed", async () => {
    const ref = `act-uid-${Date.now()}`;
    const mon = { weekday: 1, start: "09:00", end: "10:00" };
    const wed = { weekday: 3, start: "12:00", end: "13:00" };
    const fri = { weekday: 5, start: "15:00", end: "16:00" };
    update(ref, org.id, { schedule: [mon, wed, fri] });
    const uids = async () => {
      const { text } = await get(activityIcal, `/activities/${ref}/ical`, { ref });
      return Object.fromEntries(parseCalendar(text).events.map((e) => [e.rrule, e.uid]));
    };
    const before = await uids();
    expect(Object.keys(before)).toHaveLength(3);
    expect(new Set(Object.values(before)).size).toBe(3);
    update(ref, org.id, { schedule: [fri, mon, wed] });
    expect(await uids()).toEqual(before);
    update(ref, org.id, { schedule: [wed, fri] });
    const after = await uids();
    expect(after["FREQ=WEEKLY;BYDAY=WE"]).toBe(before["FREQ=WEEKLY;BYDAY=WE"]);
    expect(after["FREQ=WEEKLY;BYDAY=FR"]).toBe(before["FREQ=WEEKLY;BYDAY=FR"]);
    expect(after["FREQ=WEEKLY;BYDAY=MO"]).toBeUndefined();
  });

  it("marks a paused activity's events cancelled", async () => {
    const a = createActivity(org.id, { title: "Tauolla oleva", status: "paused" });
    const { res, text } = await get(activityIcal, `/activities/${a.ref}/ical?lang=sv`, {
      ref: a.ref,
    });
    expect(res.status).toBe(200);
    const [event] = parseCalendar(text).events;
    expect(event!.status).toBe("CANCELLED");
    expect(event!.summary).toBe("Paus: Tauolla oleva");
  });

  it("gives no empty calendar to an activity without fixed times, and says why", async () => {
    const a = createActivity(org.id, { schedule: [] });
    const fi = await get(activityIcal, `/activities/${a.ref}/ical`, { ref: a.ref });
    expect(fi.res.status).toBe(404);
    expect(fi.res.headers.get("Content-Type")).toContain("text/plain");
    expect(fi.text).toContain("ei ole kiinteitä viikkoaikoja");
    const en = await get(activityIcal, `/activities/${a.ref}/ical?lang=en`, { ref: a.ref });
    expect(en.text).toContain("no fixed weekly times");
    const closed = createActivity(org.id, { status: "closed" });
    expect(
      (await get(activityIcal, `/activities/${closed.ref}/ical`, { ref: closed.ref })).res.status,
    ).toBe(404);
    expect((await get(activityIcal, `/activities/nope/ical`, { ref: "nope" })).res.status).toBe(
      404,
    );
  });

  it("answers a repeated request with 304 when the ETag still matches", async () => {
    const a = createActivity(org.id);
    const first = await get(activityIcal, `/activities/${a.ref}/ical`, { ref: a.ref });
    const etag = first.res.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(
      activityIcal,
      `/activities/${a.ref}/ical`,
      { ref: a.ref },
      {
        "If-None-Match": etag,
      },
    );
    expect(again.res.status).toBe(304);
    expect(again.text).toBe("");
    update(a.ref, org.id, { title: "Uusi nimi" });
    const changed = await get(
      activityIcal,
      `/activities/${a.ref}/ical`,
      { ref: a.ref },
      {
        "If-None-Match": etag,
      },
    );
    expect(changed.res.status).toBe(200);
    expect(changed.res.headers.get("ETag")).not.toBe(etag);
  });
});

describe("subscribable feeds", () => {
  it("per organization: its open and paused activities with weekly times, no one else's", async () => {
    const feedOrg = createOrganization({ name: "Syöte, ry; testi", municipality: "Parikkala" });
    const open = createActivity(feedOrg.id, { title: "Avoin ryhmä" });
    const paused = createActivity(feedOrg.id, { title: "Tauko", status: "paused" });
    createActivity(feedOrg.id, { title: "Suljettu", status: "closed" });
    createActivity(feedOrg.id, { title: "Ei aikoja", schedule: [] });
    createActivity(other.id, { title: "Toisen yhdistyksen" });
    const { res, text } = await get(organizationFeed, `/calendars/organizations/${feedOrg.ref}`, {
      ref: feedOrg.ref,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toContain("public");
    const cal = parseCalendar(text);
    expect(cal.name).toBe("Syöte, ry; testi – Luotsi");
    expect(text).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT6H");
    expect(cal.events.map((e) => e.summary).sort()).toEqual(["Avoin ryhmä", "Tauolla: Tauko"]);
    const status = Object.fromEntries(cal.events.map((e) => [e.summary, e.status]));
    expect(status["Tauolla: Tauko"]).toBe("CANCELLED");
    expect(status["Avoin ryhmä"]).toBe("CONFIRMED");
    expect(open && paused).toBeTruthy();
    expect(
      (await get(organizationFeed, "/calendars/organizations/nope", { ref: "nope" })).res.status,
    ).toBe(404);
  });

  it("per municipality, by its Finnish or Swedish name", async () => {
    createActivity(other.id, { title: "Vaasan ryhmä", municipality: "Vaasa" });
    createActivity(org.id, { title: "Parikkalan ryhmä", municipality: "Parikkala" });
    const fi = await get(municipalityFeed, "/calendars/municipalities/Vaasa", { name: "Vaasa" });
    const sv = await get(municipalityFeed, "/calendars/municipalities/Vasa?lang=sv", {
      name: "Vasa",
    });
    expect(fi.res.status).toBe(200);
    const summaries = parseCalendar(fi.text).events.map((e) => e.summary);
    expect(summaries).toContain("Vaasan ryhmä");
    expect(summaries).not.toContain("Parikkalan ryhmä");
    expect(parseCalendar(sv.text).name).toBe("Luotsi – Vasa");
    expect(
      parseCalendar(sv.text)
        .events.map((e) => e.uid)
        .sort(),
    ).toEqual(
      parseCalendar(fi.text)
        .events.map((e) => e.uid)
        .sort(),
    );
    expect(
      (await get(municipalityFeed, "/calendars/municipalities/Atlantis", { name: "Atlantis" })).res
        .status,
    ).toBe(404);
  });
});
