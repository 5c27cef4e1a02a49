import crypto from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, mailMessages, notifications, pilotApplications } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { deleteExpiredApplications } from "#app/modules/recruitment/applications-retention.server.ts";
import * as applicationsPage from "#app/routes/staff.pilots.applications.tsx";
import {
  BASE,
  callRoute,
  createOrganization,
  createUser,
  prepareDatabase,
} from "../factories/index.ts";
import { rawRequest } from "./http-client.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

/**
 * The public "become a pilot" form (issue #17) through the real server: it
 * stores, acknowledges by mail and tells the association's staff; it
 * refuses bots (honeypot), an address over its limit and bad input, each
 * without writing anything; staff handle what came; the retention job
 * deletes what nobody handled in 90 days.
 */
const LIMIT = 3;
let build: ServerBuild;
let app: RunningApp;
let org: { id: number; ref: string };
let staff: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  process.env.TRUST_PROXY = "1";
  process.env.PUBLIC_FORM_LIMIT_PER_IP = String(LIMIT);
  resetEnvCache();
  prepareDatabase();
  org = createOrganization({ name: "Kylätalon yhdistys", municipality: "Rautjärvi" });
  staff = await createUser("staff", org.id);
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
  delete process.env.TRUST_PROXY;
  delete process.env.PUBLIC_FORM_LIMIT_PER_IP;
  resetEnvCache();
});

const randomIp = () => `203.0.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;

function valid(over: Record<string, string | string[]> = {}) {
  const fields: Record<string, string | string[]> = {
    organizationRef: org.ref,
    name: "Ville Vapaaehtoinen",
    email: "ville@example.fi",
    phone: "040 123 4567",
    municipality: "Rautjärvi",
    languages: ["fi", "sv"],
    message: "Tykkään kalastaa ja ehdin viikonloppuisin.",
    website: "",
    ...over,
  };
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return body;
}

async function send(body: URLSearchParams, ip = randomIp()) {
  const res = await rawRequest(app.url, {
    method: "POST",
    path: "/join/pilot?_data=routes%2Fjoin.pilot",
    headers: {
      Origin: app.url,
      "Content-Type": "application/x-www-form-urlencoded",
      // One proxy in front (TRUST_PROXY=1): the address it saw is the last one.
      "X-Forwarded-For": `198.18.0.1, ${ip}`,
    },
    body: body.toString(),
  });
  const json = res.headers["content-type"]?.includes("json")
    ? (JSON.parse(res.body) as Record<string, unknown>)
    : null;
  return { status: res.status, body: json, headers: res.headers };
}

const stored = () => getDb().select().from(pilotApplications).all();

describe("the public 'become a pilot' form", () => {
  it("stores the application, acknowledges it by mail and tells the association's staff; the audit names no one", async () => {
    const before = stored().length;
    const r = await send(valid({ email: "Ville@Example.FI" }), "10.8.0.1");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ sent: true, organization: "Kylätalon yhdistys" });
    const rows = stored();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      organizationId: org.id,
      name: "Ville Vapaaehtoinen",
      email: "ville@example.fi",
      phone: "040 123 4567",
      municipality: "Rautjärvi",
      languages: ["fi", "sv"],
      handledAt: null,
    });
    const mail = getDb()
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "ville@example.fi"))
      .all();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("Kylätalon yhdistys");
    expect(mail[0]!.text).toContain("Ville Vapaaehtoinen");
    const told = getDb()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, staff.id))
      .all();
    expect(told.map((n) => n.link)).toContain("/staff/pilots/applications");
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "pilotApplication.create"))
      .all();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toMatch(/Ville|ville@|040 123/);
  });

  it("refuses a filled honeypot as any refused form, and stores nothing", async () => {
    const before = stored().length;
    const r = await send(valid({ website: "http://spam.example", email: "bot@example.fi" }));
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ fieldErrors: {}, formError: "join.rejected" });
    expect(stored()).toHaveLength(before);
    expect(
      getDb().select().from(mailMessages).where(eq(mailMessages.to, "bot@example.fi")).all(),
    ).toEqual([]);
  });

  it("answers bad input with 400 and the field's error, writing nothing", async () => {
    const before = stored().length;
    const cases: [Record<string, string | string[]>, string][] = [
      [{ email: "not an email" }, "email"],
      [{ email: "" }, "email"],
      [{ name: "" }, "name"],
      [{ name: "x".repeat(81) }, "name"],
      [{ organizationRef: "" }, "organizationRef"],
      [{ organizationRef: "org-does-not-exist" }, "organizationRef"],
      [{ organizationRef: "bad ref with spaces" }, "organizationRef"],
      [{ municipality: "Atlantis" }, "municipality"],
      [{ languages: [] }, "languages"],
      [{ languages: ["fi", "klingon"] }, "languages.1"],
      [{ phone: "call me maybe" }, "phone"],
      [{ message: "x".repeat(1001) }, "message"],
    ];
    for (const [over, field] of cases) {
      const r = await send(valid(over));
      expect(r.status, JSON.stringify(over).slice(0, 60)).toBe(400);
      expect(Object.keys((r.body as { fieldErrors: object }).fieldErrors)).toContain(field);
    }
    // A field the form does not have is never read: it cannot mark an application handled.
    const extra = valid();
    extra.append("handledAt", "2026-01-01");
    expect((await send(extra)).status).toBe(200);
    expect(stored().at(-1)!.handledAt).toBeNull();
    expect(stored()).toHaveLength(before + 1);
  });

  it("stores at most PUBLIC_FORM_LIMIT_PER_IP applications an hour from one address, then 429 with Retry-After", async () => {
    const ip = "192.0.2.77";
    const before = stored().length;
    for (let i = 0; i < LIMIT; i++)
      expect((await send(valid({ email: `limit${i}@example.fi` }), ip)).status).toBe(200);
    const over = await send(valid({ email: "limit-over@example.fi" }), ip);
    expect(over.status).toBe(429);
    expect(over.headers["retry-after"]).toBe("3600");
    expect(over.body).toMatchObject({ formError: "join.rateLimited" });
    expect(stored()).toHaveLength(before + LIMIT);
    // Another address is not held back.
    expect((await send(valid({ email: "other@example.fi" }), "192.0.2.78")).status).toBe(200);
  });
});

describe("staff handle the applications; the retention job deletes old ones", () => {
  it("lists their own organization's, marks one handled (audited); another organization's staff get 404", async () => {
    const mine = stored().find((r) => r.organizationId === org.id && !r.handledAt)!;
    const page = await callRoute(
      applicationsPage.loader,
      staff.id,
      `${BASE}/staff/pilots/applications`,
      {},
    );
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).toContain("ville@example.fi");
    const other = createOrganization();
    const otherStaff = await createUser("staff", other.id);
    const otherPage = await callRoute(
      applicationsPage.loader,
      otherStaff.id,
      `${BASE}/staff/pilots/applications`,
      {},
    );
    expect(JSON.stringify(otherPage.body)).not.toContain("ville@example.fi");
    const denied = await callRoute(
      applicationsPage.action,
      otherStaff.id,
      `${BASE}/staff/pilots/applications`,
      {},
      { id: String(mine.id) },
    );
    expect(denied.status).toBe(404);
    const bad = await callRoute(
      applicationsPage.action,
      staff.id,
      `${BASE}/staff/pilots/applications`,
      {},
      { id: "x" },
    );
    expect(bad.status).toBe(400);
    const ok = await callRoute(
      applicationsPage.action,
      staff.id,
      `${BASE}/staff/pilots/applications`,
      {},
      { id: String(mine.id) },
    );
    expect(ok.status).toBe(200);
    const row = getDb()
      .select()
      .from(pilotApplications)
      .where(eq(pilotApplications.id, mine.id))
      .get()!;
    expect(row.handledAt).not.toBeNull();
    expect(row.handledBy).toBe(staff.id);
    expect(
      getDb().select().from(auditLog).where(like(auditLog.action, "pilotApplication.handle")).all(),
    ).toHaveLength(1);
  });

  it("deletes applications nobody handled within 90 days, and handled ones 90 days after handling", () => {
    const db = getDb();
    const now = Date.now();
    const daysAgo = (d: number) => new Date(now - d * 24 * 3600_000);
    const add = (name: string, createdAt: Date, handledAt: Date | null) =>
      db
        .insert(pilotApplications)
        .values({
          organizationId: org.id,
          name,
          email: `${name}@example.fi`,
          municipality: "Rautjärvi",
          languages: ["fi"],
          locale: "fi",
          createdAt,
          handledAt,
        })
        .run();
    add("old-unhandled", daysAgo(91), null);
    add("young-unhandled", daysAgo(89), null);
    add("long-handled", daysAgo(200), daysAgo(91));
    add("recently-handled", daysAgo(200), daysAgo(10));
    deleteExpiredApplications(db, now);
    const left = new Set(
      db
        .select()
        .from(pilotApplications)
        .all()
        .map((r) => r.name),
    );
    expect(left.has("old-unhandled")).toBe(false);
    expect(left.has("long-handled")).toBe(false);
    expect(left.has("young-unhandled")).toBe(true);
    expect(left.has("recently-handled")).toBe(true);
  });
});
