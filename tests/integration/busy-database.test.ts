import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserSession } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv, resetEnvCache } from "#app/infra/env.server.ts";
import { createParticipant } from "#app/modules/participants/participants.server.ts";
import { createOrganization, createUser, prepareDatabase } from "../factories/index.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

/**
 * A write that still finds the database locked after the busy timeout
 * (another process's long write) answers 503 with Retry-After, never 500,
 * and a form comes back as it was typed: through the real HTTP server, as a
 * browser without JavaScript (a document POST) and with it (Remix's data
 * request). The busy timeout is short here so the test does not wait long.
 */
process.env.SQLITE_BUSY_TIMEOUT_MS = "300";
resetEnvCache();

let app: RunningApp;
let staffCookie: string;
let workerCookie: string;
let participantRef: string;
let origin: string;

const FORM = {
  intent: "save",
  title: "Kuorolaulua kaikille",
  description: "Lauletaan yhdessä, nuotteja ei tarvitse osata. Kanari-4471",
  interests: "laulu, musiikki",
  kind: "group",
  municipality: "Parikkala",
  languages: "fi",
  "schedule.0.weekday": "3",
  "schedule.0.start": "18:00",
  "schedule.0.end": "19:30",
  "threshold.free": "on",
  capacity: "20",
  enrolled: "3",
  status: "open",
};

/** Another process holding the write lock, as a long import or a stuck script would. */
function holdWriteLock() {
  const other = new Database(getEnv().databasePath);
  other.exec("BEGIN IMMEDIATE");
  return () => {
    other.exec("ROLLBACK");
    other.close();
  };
}

const activityCount = () =>
  getDb().$client.prepare("select count(*) from activities").pluck().get() as number;

function post(path: string, cookie: string, body: Record<string, string>) {
  return fetch(`${app.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Cookie: cookie,
      Origin: origin,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(body).toString(),
  });
}

beforeAll(async () => {
  prepareDatabase();
  const org = createOrganization({ municipality: "Parikkala" });
  const staff = await createUser("staff", org.id);
  const worker = await createUser("worker", org.id);
  participantRef = createParticipant(worker, {
    municipality: "Parikkala",
    gender: "unknown",
    languages: ["fi"],
    interests: ["laulu"],
    interestText: null,
    nickname: null,
    notes: null,
  } as never).ref;
  app = await startApp(await loadServerBuild());
  origin = app.url;
  const cookieFor = async (id: string) =>
    (await createUserSession(new Request(app.url), id)).split(";")[0]!;
  staffCookie = await cookieFor(staff.id);
  workerCookie = await cookieFor(worker.id);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe("a database that stays busy past the busy timeout", () => {
  it("a form posted without JavaScript answers 503 with Retry-After and the page shows what was typed", async () => {
    const before = activityCount();
    const release = holdWriteLock();
    let res: Response;
    try {
      res = await post("/staff/activities/new", staffCookie, FORM);
    } finally {
      release();
    }
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const html = await res.text();
    expect(html).toContain("Luotsi on kiireinen");
    // The form's error summary (an alert) says why; its title is the whole form's message.
    expect(html).toMatch(/role="alert"[^>]*><p[^>]*>Tallennus ei onnistunut juuri nyt/);
    // Every field as typed, ready to send again.
    expect(html).toContain('value="Kuorolaulua kaikille"');
    expect(html).toContain("nuotteja ei tarvitse osata. Kanari-4471</textarea>");
    expect(html).toContain('value="laulu, musiikki"');
    expect(html).toMatch(
      /name="schedule\.0\.start"[^>]*value="18:00"|value="18:00"[^>]*name="schedule\.0\.start"/,
    );
    expect(html).toMatch(
      /name="schedule\.0\.weekday"[^>]*>(<option[^>]*>[^<]*<\/option>)*?<option value="3" selected=""/,
    );
    expect(html).toMatch(/name="capacity"[^>]*value="20"|value="20"[^>]*name="capacity"/);
    expect(activityCount()).toBe(before);

    // The lock is gone: the same form saves.
    const again = await post("/staff/activities/new", staffCookie, FORM);
    expect(again.status).toBe(302);
    expect(activityCount()).toBe(before + 1);
  });

  it("with JavaScript (a Remix data request) the answer is 503 JSON with the form's values and message", async () => {
    const before = activityCount();
    const release = holdWriteLock();
    let res: Response;
    try {
      res = await post("/staff/activities/new?_data=routes%2Fstaff.activities.new", staffCookie, {
        ...FORM,
        title: "Kuorolaulua, toinen ryhmä",
      });
    } finally {
      release();
    }
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    // Data, not a thrown error: the page stays and the form keeps its fields.
    expect(res.headers.get("x-remix-error")).toBeNull();
    expect(res.headers.get("x-remix-catch")).toBeNull();
    const body = (await res.json()) as {
      busy: boolean;
      fieldErrors: Record<string, string>;
      values: Record<string, unknown>;
    };
    expect(body.busy).toBe(true);
    expect(body.fieldErrors).toEqual({ _form: "common.busy" });
    expect(body.values).toMatchObject({
      title: "Kuorolaulua, toinen ryhmä",
      interests: "laulu, musiikki",
      capacity: "20",
    });
    expect(activityCount()).toBe(before);
  });

  it("a page whose loader must write (an audited read) answers 503 with the busy page, never 500", async () => {
    const release = holdWriteLock();
    let page: Response;
    let api: Response;
    try {
      page = await fetch(`${app.url}/participants/${participantRef}`, {
        headers: { Cookie: workerCookie },
      });
      api = await fetch(`${app.url}/api/v1/participants/${participantRef}/suggestions`, {
        headers: { Cookie: workerCookie },
      });
    } finally {
      release();
    }
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await page.text()).toContain("Luotsi on juuri nyt kiireinen");
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await api.json()).toEqual({ error: "the database is busy; try again in a moment" });
  });
});
