import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, contacts, organizations, participants } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import { listFollowUps } from "#app/modules/follow-up/follow-up.server.ts";
import {
  action as listAction,
  loader as listLoader,
} from "#app/routes/admin.organizations._index.tsx";
import {
  action as editAction,
  loader as editLoader,
} from "#app/routes/admin.organizations.$ref.tsx";
import {
  BASE,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

type U = Awaited<ReturnType<typeof createUser>>;
let admin: U;
let staff: U;
let org: { id: number; ref: string };

async function post(user: U, url: string, fields: Record<string, string>) {
  return signedInRequest(user.id, url, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
  });
}

async function run<T>(p: Promise<T>): Promise<Response | T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

const counts = () => [
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(organizations)
    .get()!.n,
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .get()!.n,
];

beforeAll(async () => {
  prepareDatabase();
  org = createOrganization({ name: "SaimaanVirta ry" });
  admin = await createUser("admin", null);
  staff = await createUser("staff", org.id);
});

describe("admin manages organizations", () => {
  it("creates and edits an organization, with audit rows of the changed fields", async () => {
    const created = (await run(
      listAction({
        request: await post(admin, `${BASE}/admin/organizations`, {
          name: "Punkaharjun Nuorisoseura ry",
          municipality: "Savonlinna",
          description: "Nuorten iltoja",
          website: "https://example.org/pns",
          followUpDays: "14",
        }),
        params: {},
        context: {},
      }),
    )) as Response;
    expect(created.status).toBe(302);
    const ref = decodeURIComponent(
      created.headers.get("Location")!.split("/").pop()!.split("?")[0]!,
    );
    const row = getDb().select().from(organizations).where(eq(organizations.ref, ref)).get()!;
    expect(row).toMatchObject({
      name: "Punkaharjun Nuorisoseura ry",
      municipality: "Savonlinna",
      followUpDays: 14,
    });

    const edited = (await run(
      editAction({
        request: await post(admin, `${BASE}/admin/organizations/${ref}`, {
          name: "Punkaharjun Nuorisoseura ry",
          municipality: "Nyslott",
          description: "Nuorten illat tiistaisin",
          website: "",
          followUpDays: "14",
        }),
        params: { ref },
        context: {},
      }),
    )) as Response;
    expect(edited.status).toBe(302);
    const audit = getDb().select().from(auditLog).where(eq(auditLog.entityId, ref)).all();
    expect(audit.map((a) => a.action)).toEqual(["organization.create", "organization.update"]);
    // The names of the changed fields, never their values.
    expect(audit[1]!.changes).toEqual(["description", "website"]);
    expect(audit[1]!.actorUserId).toBe(admin.id);
    const page = (await editLoader({
      request: await signedInRequest(admin.id, `${BASE}/admin/organizations/${ref}`),
      params: { ref },
      context: {},
    })) as {
      name: string;
    };
    expect(page.name).toBe("Punkaharjun Nuorisoseura ry");
  });

  it("bad input gives 400 field errors and writes nothing", async () => {
    const before = counts();
    const ok = { name: "Uusi", municipality: "Parikkala", followUpDays: "21" };
    const cases: [Record<string, string>, string][] = [
      [{ ...ok, name: "" }, "name"],
      [{ ...ok, name: "x".repeat(201) }, "name"],
      [{ ...ok, municipality: "Atlantis" }, "municipality"],
      [{ ...ok, municipality: "" }, "municipality"],
      [{ ...ok, website: "javascript:alert(1)" }, "website"],
      [{ ...ok, description: "x".repeat(2001) }, "description"],
    ];
    for (const [fields, field] of cases) {
      const res = (await run(
        listAction({
          request: await post(admin, `${BASE}/admin/organizations`, fields),
          params: {},
          context: {},
        }),
      )) as Response;
      expect(res.status, field).toBe(400);
      expect(Object.keys((await res.json()).fieldErrors)).toContain(field);
      const edit = (await run(
        editAction({
          request: await post(admin, `${BASE}/admin/organizations/${org.ref}`, fields),
          params: { ref: org.ref },
          context: {},
        }),
      )) as Response;
      expect(edit.status, field).toBe(400);
    }
    expect(counts()).toEqual(before);
  });

  it("is for admins only, and an unknown organization is 404", async () => {
    const before = counts();
    for (const p of <Promise<unknown>[]>[
      listLoader({
        request: await signedInRequest(staff.id, `${BASE}/admin/organizations`),
        params: {},
        context: {},
      }),
      listAction({
        request: await post(staff, `${BASE}/admin/organizations`, {
          name: "X",
          municipality: "Parikkala",
          followUpDays: "21",
        }),
        params: {},
        context: {},
      }),
      editAction({
        request: await post(staff, `${BASE}/admin/organizations/${org.ref}`, {
          name: "X",
          municipality: "Parikkala",
          followUpDays: "21",
        }),
        params: { ref: org.ref },
        context: {},
      }),
    ]) {
      expect(((await run(p as Promise<unknown>)) as Response).status).toBe(403);
    }
    expect(
      (
        (await run(
          editLoader({
            request: await signedInRequest(admin.id, `${BASE}/admin/organizations/nope`),
            params: { ref: "nope" },
            context: {},
          }),
        )) as Response
      ).status,
    ).toBe(404);
    expect(counts()).toEqual(before);
  });
});

describe("follow-up days per organization", () => {
  const today = todayInFinland();
  const daysAgo = (n: number) =>
    new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const daysOf = (id: number) =>
    getDb()
      .select({ d: organizations.followUpDays })
      .from(organizations)
      .where(eq(organizations.id, id))
      .get()!.d;
  let home: { id: number; ref: string };
  let worker: U;
  let participantRef: string;

  beforeAll(async () => {
    home = createOrganization({ name: "Rautjärven Kylät ry" });
    worker = await createUser("worker", home.id);
    const p = getDb()
      .insert(participants)
      .values({
        ref: "org-fu-ten-days",
        organizationId: home.id,
        responsibleWorkerId: worker.id,
        municipality: "Rautjärvi",
        languages: ["fi"],
        createdAt: new Date(Date.parse(`${daysAgo(60)}T10:00:00Z`)),
      })
      .returning()
      .get();
    getDb()
      .insert(contacts)
      .values({ participantId: p.id, kind: "met", date: daysAgo(10), workerId: worker.id })
      .run();
    participantRef = p.ref;
  });

  const save = async (user: U, followUpDays: string) =>
    (await run(
      editAction({
        request: await post(user, `${BASE}/admin/organizations/${home.ref}`, {
          name: "Rautjärven Kylät ry",
          municipality: "Rautjärvi",
          followUpDays,
        }),
        params: { ref: home.ref },
        context: {},
      }),
    )) as Response;
  const listed = () => listFollowUps(worker as never).rows.map((r) => r.ref);

  it("starts at 21 days, and the form shows it", async () => {
    expect(daysOf(home.id)).toBe(21);
    const page = (await editLoader({
      request: await signedInRequest(admin.id, `${BASE}/admin/organizations/${home.ref}`),
      params: { ref: home.ref },
      context: {},
    })) as { values: { followUpDays: string } };
    expect(page.values.followUpDays).toBe("21");
    expect(listed()).not.toContain(participantRef);
  });

  it("an admin's save changes it, and the worker's follow-up list honours it", async () => {
    expect((await save(admin, "7")).status).toBe(302);
    expect(daysOf(home.id)).toBe(7);
    expect(listFollowUps(worker as never).days).toBe(7);
    expect(listed()).toContain(participantRef);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, home.ref))
      .all()
      .filter((a) => a.action === "organization.update");
    expect(audit.at(-1)!.changes).toContain("followUpDays");

    expect((await save(admin, "21")).status).toBe(302);
    expect(daysOf(home.id)).toBe(21);
    expect(listed()).not.toContain(participantRef);
    // The second save changed only the days: the audit row names nothing else.
    const last = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, home.ref))
      .all()
      .filter((a) => a.action === "organization.update")
      .at(-1)!;
    expect(last.changes).toEqual(["followUpDays"]);
  });

  it("a value outside 1–365 or not a whole number is a field error and changes nothing", async () => {
    const before = counts();
    for (const bad of ["0", "366", "abc", "2.5", "-3", ""]) {
      const res = await save(admin, bad);
      expect(res.status, bad).toBe(400);
      const body = (await res.json()) as {
        fieldErrors: Record<string, string>;
        values: Record<string, string>;
      };
      expect(body.fieldErrors, bad).toEqual({ followUpDays: "admin.error.org.followUpDays" });
      expect(body.values.followUpDays).toBe(bad);
      const created = (await run(
        listAction({
          request: await post(admin, `${BASE}/admin/organizations`, {
            name: "Uusi",
            municipality: "Parikkala",
            followUpDays: bad,
          }),
          params: {},
          context: {},
        }),
      )) as Response;
      expect(created.status, bad).toBe(400);
    }
    expect(daysOf(home.id)).toBe(21);
    expect(counts()).toEqual(before);
  });

  it("only an admin can change it", async () => {
    const before = counts();
    for (const user of [staff, worker, await createUser("staff", home.id)])
      expect((await save(user, "3")).status).toBe(403);
    expect(daysOf(home.id)).toBe(21);
    expect(counts()).toEqual(before);
  });
});
