import crypto from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import { eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  associationApplications,
  auditLog,
  invitations,
  mailMessages,
  notifications,
  organizations,
  pilotApplications,
} from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { deleteExpiredApplications } from "#app/modules/recruitment/applications-retention.server.ts";
import { approveAssociationApplication } from "#app/modules/recruitment/association-applications.server.ts";
import * as associationsPage from "#app/routes/admin.associations.tsx";
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

async function send(body: URLSearchParams, ip = randomIp(), route = "join.pilot") {
  const res = await rawRequest(app.url, {
    method: "POST",
    path: `/${route.replace(".", "/")}?_data=routes%2F${route}`,
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

describe("new associations join: the public application form", () => {
  const sendAssociation = (over: Record<string, string> = {}, ip = randomIp()) => {
    const body = new URLSearchParams({
      name: "Parikkalan Polkupyöräilijät ry",
      municipality: "Parikkala",
      contactName: "Aino Yhteyshenkilö",
      email: "aino@polku.example",
      phone: "050 765 4321",
      activities: "Pyöräretkiä kerran viikossa kaikille, myös lainapyörillä.",
      website: "",
      ...over,
    });
    return send(body, ip, "join.association");
  };
  const applications = () => getDb().select().from(associationApplications).all();

  it("stores the application, acknowledges it by mail and tells the coordinator; the audit names no one", async () => {
    const coordinator = await createUser("admin", null);
    const before = applications().length;
    const r = await sendAssociation({ email: "Aino@Polku.Example" }, "10.9.0.1");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ sent: true });
    expect(applications()).toHaveLength(before + 1);
    expect(applications().at(-1)).toMatchObject({
      name: "Parikkalan Polkupyöräilijät ry",
      municipality: "Parikkala",
      contactName: "Aino Yhteyshenkilö",
      email: "aino@polku.example",
      phone: "050 765 4321",
      status: "waiting",
      organizationId: null,
      handledAt: null,
    });
    const mail = getDb()
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "aino@polku.example"))
      .all();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("Parikkalan Polkupyöräilijät ry");
    expect(mail[0]!.text).toContain("Aino Yhteyshenkilö");
    const told = getDb()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, coordinator.id))
      .all();
    expect(told.map((n) => n.link)).toContain("/admin/associations");
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(like(auditLog.action, "associationApplication.%"))
      .all();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toMatch(/Aino|aino@|050 765|Polkupy/);
  });

  it("refuses a filled honeypot as any refused form, and stores nothing", async () => {
    const before = applications().length;
    const r = await sendAssociation({ website: "http://spam.example", email: "bot2@example.fi" });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ fieldErrors: {}, formError: "join.rejected" });
    expect(applications()).toHaveLength(before);
    expect(
      getDb().select().from(mailMessages).where(eq(mailMessages.to, "bot2@example.fi")).all(),
    ).toEqual([]);
  });

  it("answers bad input with 400 and the field's error, writing nothing; fields the form lacks are never read", async () => {
    const before = applications().length;
    const cases: [Record<string, string>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "x".repeat(121) }, "name"],
      [{ municipality: "" }, "municipality"],
      [{ municipality: "Atlantis" }, "municipality"],
      [{ contactName: "" }, "contactName"],
      [{ email: "not an email" }, "email"],
      [{ email: "" }, "email"],
      [{ phone: "call me maybe" }, "phone"],
      [{ activities: "" }, "activities"],
      [{ activities: "x".repeat(2001) }, "activities"],
    ];
    for (const [over, field] of cases) {
      const r = await sendAssociation(over);
      expect(r.status, JSON.stringify(over).slice(0, 60)).toBe(400);
      expect(Object.keys((r.body as { fieldErrors: object }).fieldErrors)).toContain(field);
    }
    expect(applications()).toHaveLength(before);
    const r = await sendAssociation({ status: "approved", organizationId: "1" } as never);
    expect(r.status).toBe(200);
    expect(applications().at(-1)).toMatchObject({ status: "waiting", organizationId: null });
  });

  it("shares the pilot form's per-address limit: over it, 429 with Retry-After and nothing stored", async () => {
    const ip = "192.0.2.99";
    // One bucket for both public forms: a pilot application counts too.
    expect((await send(valid({ email: "mix@example.fi" }), ip)).status).toBe(200);
    for (let i = 1; i < LIMIT; i++)
      expect((await sendAssociation({ email: `assoc${i}@example.fi` }, ip)).status).toBe(200);
    const before = applications().length;
    const over = await sendAssociation({ email: "assoc-over@example.fi" }, ip);
    expect(over.status).toBe(429);
    expect(over.headers["retry-after"]).toBe("3600");
    expect(over.body).toMatchObject({ formError: "join.rateLimited" });
    expect(applications()).toHaveLength(before);
  });
});

describe("the coordinator decides on associations' applications", () => {
  const add = (name: string, email: string, createdAt = new Date()) =>
    getDb()
      .insert(associationApplications)
      .values({
        name,
        municipality: "Ruokolahti",
        contactName: "Kalle Kontakti",
        email,
        activities: "Kuoro ja käsityöpiiri.",
        locale: "sv",
        createdAt,
      })
      .returning()
      .get();
  const url = `${BASE}/admin/associations`;

  it("only the coordinator lists and decides: staff and workers are refused and nothing changes", async () => {
    const app = add("Kuoroyhdistys Sävel", "kalle@savel.example");
    for (const role of ["staff", "worker"] as const) {
      const u = await createUser(role, org.id);
      const page = await callRoute(associationsPage.loader, u.id, url, {});
      expect(page.status).toBeGreaterThanOrEqual(300);
      expect(JSON.stringify(page.body)).not.toContain("kalle@savel.example");
      const post = await callRoute(
        associationsPage.action,
        u.id,
        url,
        {},
        {
          id: String(app.id),
          intent: "approve",
        },
      );
      expect(post.status).toBeGreaterThanOrEqual(300);
    }
    const row = getDb()
      .select()
      .from(associationApplications)
      .where(eq(associationApplications.id, app.id))
      .get()!;
    expect(row.status).toBe("waiting");
    expect(
      getDb()
        .select()
        .from(organizations)
        .where(eq(organizations.name, "Kuoroyhdistys Sävel"))
        .all(),
    ).toEqual([]);
  });

  it("approval creates the organization (ref from its name) and invites the contact as staff in one write; the mail follows", async () => {
    const admin = await createUser("admin", null);
    const app = add("Kuoroyhdistys Sävel 2", "kalle2@savel.example");
    const page = await callRoute(associationsPage.loader, admin.id, url, {});
    expect(JSON.stringify(page.body)).toContain("kalle2@savel.example");
    const bad = await callRoute(
      associationsPage.action,
      admin.id,
      url,
      {},
      {
        id: "x",
        intent: "approve",
      },
    );
    expect(bad.status).toBe(400);
    const r = await callRoute(
      associationsPage.action,
      admin.id,
      url,
      {},
      {
        id: String(app.id),
        intent: "approve",
      },
    );
    expect(r.status).toBe(200);
    const created = getDb()
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Kuoroyhdistys Sävel 2"))
      .get()!;
    expect(created.ref).toMatch(/^org-kuoroyhdistys-savel-2-[0-9a-f]{6}$/);
    expect(created.municipality).toBe("Ruokolahti");
    const invitation = getDb()
      .select()
      .from(invitations)
      .where(eq(invitations.email, "kalle2@savel.example"))
      .get()!;
    expect(invitation).toMatchObject({ role: "staff", organizationId: created.id, usedAt: null });
    const row = getDb()
      .select()
      .from(associationApplications)
      .where(eq(associationApplications.id, app.id))
      .get()!;
    expect(row).toMatchObject({
      status: "approved",
      organizationId: created.id,
      handledBy: admin.id,
    });
    const mail = getDb()
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "kalle2@savel.example"))
      .all();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain("/invite/");
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "associationApplication.approve"))
      .all();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/Kalle|kalle2@/);
    // Decided once: a second approval finds nothing waiting.
    const again = await callRoute(
      associationsPage.action,
      admin.id,
      url,
      {},
      {
        id: String(app.id),
        intent: "approve",
      },
    );
    expect(again.status).toBe(404);
  });

  it("a failing invitation writes nothing: an address with an account, or an error inside the write", async () => {
    const admin = await createUser("admin", null);
    const taken = await createUser("staff", org.id, { email: "taken@savel.example" });
    expect(taken).toBeTruthy();
    const orgsBefore = getDb().select().from(organizations).all().length;
    const invitationsBefore = getDb().select().from(invitations).all().length;
    const clash = add("Yhdistys Varattu", "taken@savel.example");
    const r = await callRoute(
      associationsPage.action,
      admin.id,
      url,
      {},
      {
        id: String(clash.id),
        intent: "approve",
      },
    );
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.fieldErrors as object)).toContain("email");
    // The invitation insert itself fails after the organization was written: all rolls back.
    const failing = add("Yhdistys Kaatuva", "fails@savel.example");
    getDb().run(
      sql`create temp trigger fail_invitation before insert on invitations
          begin select raise(abort, 'invitation refused'); end`,
    );
    try {
      await expect(
        approveAssociationApplication(admin, failing.id, "http://localhost"),
      ).rejects.toThrow(/invitation refused/);
    } finally {
      getDb().run(sql`drop trigger fail_invitation`);
    }
    expect(getDb().select().from(organizations).all()).toHaveLength(orgsBefore);
    expect(getDb().select().from(invitations).all()).toHaveLength(invitationsBefore);
    for (const id of [clash.id, failing.id])
      expect(
        getDb()
          .select()
          .from(associationApplications)
          .where(eq(associationApplications.id, id))
          .get(),
      ).toMatchObject({ status: "waiting", organizationId: null, handledAt: null });
    expect(
      getDb().select().from(mailMessages).where(eq(mailMessages.to, "fails@savel.example")).all(),
    ).toEqual([]);
  });

  it("declining keeps no organization and sends no invitation", async () => {
    const admin = await createUser("admin", null);
    const app = add("Yhdistys Hylätty", "declined@savel.example");
    const r = await callRoute(
      associationsPage.action,
      admin.id,
      url,
      {},
      {
        id: String(app.id),
        intent: "decline",
      },
    );
    expect(r.status).toBe(200);
    expect(
      getDb()
        .select()
        .from(associationApplications)
        .where(eq(associationApplications.id, app.id))
        .get(),
    ).toMatchObject({ status: "declined", organizationId: null, handledBy: admin.id });
    expect(
      getDb().select().from(organizations).where(eq(organizations.name, "Yhdistys Hylätty")).all(),
    ).toEqual([]);
    expect(
      getDb()
        .select()
        .from(invitations)
        .where(eq(invitations.email, "declined@savel.example"))
        .all(),
    ).toEqual([]);
  });

  it("the retention job deletes applications nobody decided within 90 days, and decided ones 90 days after the decision", () => {
    const db = getDb();
    const now = Date.now();
    const daysAgo = (d: number) => new Date(now - d * 24 * 3600_000);
    const old = add("old-waiting", "a@x.example", daysAgo(90.01));
    const young = add("young-waiting", "b@x.example", daysAgo(89.99));
    const longDecided = add("long-decided", "c@x.example", daysAgo(200));
    const recentlyDecided = add("recently-decided", "d@x.example", daysAgo(200));
    db.update(associationApplications)
      .set({ status: "declined", handledAt: daysAgo(90.01) })
      .where(eq(associationApplications.id, longDecided.id))
      .run();
    db.update(associationApplications)
      .set({ status: "declined", handledAt: daysAgo(89.99) })
      .where(eq(associationApplications.id, recentlyDecided.id))
      .run();
    deleteExpiredApplications(db, now);
    const left = new Set(
      db
        .select()
        .from(associationApplications)
        .all()
        .map((r) => r.id),
    );
    expect(left.has(old.id)).toBe(false);
    expect(left.has(longDecided.id)).toBe(false);
    expect(left.has(young.id)).toBe(true);
    expect(left.has(recentlyDecided.id)).toBe(true);
    // An approved application goes too, but the organization it made stays.
    const approvedOrg = db
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Kuoroyhdistys Sävel 2"))
      .get()!;
    db.update(associationApplications)
      .set({ handledAt: daysAgo(91) })
      .where(eq(associationApplications.organizationId, approvedOrg.id))
      .run();
    deleteExpiredApplications(db, now);
    expect(
      db
        .select()
        .from(associationApplications)
        .where(eq(associationApplications.organizationId, approvedOrg.id))
        .all(),
    ).toEqual([]);
    expect(
      db.select().from(organizations).where(eq(organizations.id, approvedOrg.id)).get(),
    ).toBeTruthy();
  });
});
