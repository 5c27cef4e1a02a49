import type { ServerBuild } from "@remix-run/node";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import contentDisposition from "content-disposition";
import { eq } from "drizzle-orm";
import { participants } from "#db/schema.ts";
import { createUserSession } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { attachmentHeader } from "#app/infra/http.server.ts";
import { RefSchema } from "#app/modules/common/common-schema.ts";
import { validateImport } from "#app/modules/import/import.server.ts";
import { createParticipant } from "#app/modules/participants/participants.server.ts";
import {
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
} from "../factories/index.ts";
import { rawRequest } from "./http-client.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

/**
 * Headers and files built from data (finding 9): refs have one pattern,
 * Content-Disposition is encoded by a library, and calendar text is escaped
 * per RFC 5545. The calendar is checked through the real server and parsed
 * by ical.js, an independent implementation, so the test keeps guarding
 * whatever builds the calendar.
 */
let build: ServerBuild;
let app: RunningApp;
let org: { id: number; ref: string };
const HOSTILE = 'Kauppatie 1\rLOCATION:evil.example\r\nX-INJECTED:1\nDESCRIPTION:"; \\, ok';

beforeAll(async () => {
  prepareDatabase();
  org = createOrganization();
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

/** RFC 5545 content lines: CRLF-separated, folded lines start with a space or tab. */
function contentLines(body: string) {
  expect(body.endsWith("\r\n")).toBe(true);
  const physical = body.slice(0, -2).split("\r\n");
  for (const line of physical) {
    // A CR or LF left inside a line would start a property of its own.
    expect(line, JSON.stringify(line)).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (/^[ \t]/.test(line)) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical;
}

describe("refs: one pattern for import and forms", () => {
  it("keeps every ref today's files use and refuses control characters, whitespace, quotes, / and \\", () => {
    for (const ref of ["org-saimaanvirta", "act-42", "p-1001", "pilot-7", "act_ä.1", "erased-0a1b"])
      expect(RefSchema.safeParse(ref).success, ref).toBe(true);
    for (const ref of [
      "p 1",
      'p"1',
      "p'1",
      "p/1",
      "p\\1",
      "p\r\n1",
      "p\u00001",
      "p\t1",
      "p\u200b1",
      "“p”",
    ])
      expect(RefSchema.safeParse(ref).success, JSON.stringify(ref)).toBe(false);
  });

  it("the import refuses such a ref with a clear line, for every kind of record", () => {
    const result = validateImport({
      organizations: [{ ref: 'org"x', name: "X ry", municipality: "Parikkala" }],
      activities: [],
      pilots: [],
      participants: [],
    });
    expect(result.issues.length).toBeGreaterThan(0);
    expect(JSON.stringify(result.issues)).toMatch(/ref cannot contain/);
  });
});

describe("Content-Disposition is built by a library (RFC 6266)", () => {
  it("a quote, a backslash or a line break in a name stays inside one filename parameter", () => {
    for (const name of [
      'luotsi-p"1.json',
      "luotsi-p\\1.json",
      "luotsi-p\r\n1.json; filename=evil",
    ]) {
      const header = attachmentHeader(name);
      expect(header).not.toMatch(/[\r\n]/);
      // Read back by the library's parser: one attachment, the whole name, no extra parameter.
      const parsed = contentDisposition.parse(header);
      expect(parsed.type).toBe("attachment");
      for (const key of Object.keys(parsed.parameters))
        expect(["filename", "filename*"], key).toContain(key);
      expect(parsed.parameters.filename).toBe(name);
    }
    expect(attachmentHeader("luotsi-äö.json")).toContain(
      "filename*=UTF-8''luotsi-%C3%A4%C3%B6.json",
    );
  });

  it("the data export's header through the server, for a ref with letters beyond ASCII", async () => {
    const worker = await createUser("worker", org.id);
    const created = createParticipant(worker, {
      municipality: "Parikkala",
      gender: "unknown",
      languages: ["fi"],
      interests: ["kalastus"],
      interestText: null,
      nickname: null,
      notes: null,
    });
    // An imported ref may hold any letter: ä and ö go out as RFC 8187 filename*.
    const ref = `p-äö-${created.ref}`;
    getDb().update(participants).set({ ref }).where(eq(participants.ref, created.ref)).run();
    const cookie = (await createUserSession(new Request(app.url), worker.id)).split(";")[0]!;
    const res = await rawRequest(app.url, {
      path: `/privacy/export/${encodeURIComponent(ref)}`,
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toBe(attachmentHeader(`luotsi-${ref}.json`));
  });
});

describe("the activity calendar (RFC 5545) through the real server", () => {
  it("escapes every line break and control character: nothing passes into a property of its own", async () => {
    const { ref } = createActivity(org.id, {
      title: "Kalastus; pilkki, ja\\ muuta\r\nX-TITLE:1",
      description: "Rivi 1\nRivi 2\rRivi 3\r\nEND:VEVENT\u0007",
      location: { address: HOSTILE, lat: null, lon: null },
      schedule: [
        { weekday: 2, start: "17:00", end: "19:00" },
        { weekday: 5, start: "10:00", end: "11:30" },
      ],
    });
    const res = await rawRequest(app.url, {
      path: `/activities/${ref}/ical`,
      headers: { Host: "evil.example" },
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(res.headers["content-disposition"]).toBe(attachmentHeader(`${ref}.ics`));
    const lines = contentLines(res.body);
    const names = lines.map((l) => /^([A-Z-]+)[;:]/.exec(l)?.[1]);
    expect(
      names.filter((n) => !n),
      "every line is a property",
    ).toEqual([]);
    expect(names).not.toContain("X-INJECTED");
    expect(names).not.toContain("X-TITLE");
    expect(names.filter((n) => n === "LOCATION")).toHaveLength(2);
    expect(names.filter((n) => n === "END").length).toBe(names.filter((n) => n === "BEGIN").length);
    // An independent parser reads back exactly what was stored.
    const calendar = new ICAL.Component(ICAL.parse(res.body));
    const events = calendar.getAllSubcomponents("vevent");
    expect(events).toHaveLength(2);
    const norm = (s: string) => s.replace(/\r\n|\r/g, "\n");
    for (const event of events) {
      expect(norm(String(event.getFirstPropertyValue("location")))).toBe(
        `${norm(HOSTILE)}, Parikkala`,
      );
      expect(String(event.getFirstPropertyValue("summary"))).toBe(
        "Kalastus; pilkki, ja\\ muuta\nX-TITLE:1",
      );
      // The stored description, then the activity's page after a blank line.
      const [description, link] = String(event.getFirstPropertyValue("description")).split("\n\n");
      expect(description).toBe("Rivi 1\nRivi 2\nRivi 3\nEND:VEVENT");
      expect(link).toBe(String(event.getFirstPropertyValue("url")));
      // Absolute URLs from configuration, never from the request's Host.
      expect(String(event.getFirstPropertyValue("url"))).not.toContain("evil.example");
    }
  });
});
