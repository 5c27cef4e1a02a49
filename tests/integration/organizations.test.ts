import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, organizations } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
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
    expect(row).toMatchObject({ name: "Punkaharjun Nuorisoseura ry", municipality: "Savonlinna" });

    const edited = (await run(
      editAction({
        request: await post(admin, `${BASE}/admin/organizations/${ref}`, {
          name: "Punkaharjun Nuorisoseura ry",
          municipality: "Nyslott",
          description: "Nuorten illat tiistaisin",
          website: "",
        }),
        params: { ref },
        context: {},
      }),
    )) as Response;
    expect(edited.status).toBe(302);
    const audit = getDb().select().from(auditLog).where(eq(auditLog.entityId, ref)).all();
    expect(audit.map((a) => a.action)).toEqual(["organization.create", "organization.update"]);
    expect(audit[1]!.changes).toEqual({
      description: { before: "Nuorten iltoja", after: "Nuorten illat tiistaisin" },
      website: { before: "https://example.org/pns", after: null },
    });
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
    const cases: [Record<string, string>, string][] = [
      [{ name: "", municipality: "Parikkala" }, "name"],
      [{ name: "x".repeat(201), municipality: "Parikkala" }, "name"],
      [{ name: "Uusi", municipality: "Atlantis" }, "municipality"],
      [{ name: "Uusi", municipality: "" }, "municipality"],
      [{ name: "Uusi", municipality: "Parikkala", website: "javascript:alert(1)" }, "website"],
      [{ name: "Uusi", municipality: "Parikkala", description: "x".repeat(2001) }, "description"],
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
        }),
        params: {},
        context: {},
      }),
      editAction({
        request: await post(staff, `${BASE}/admin/organizations/${org.ref}`, {
          name: "X",
          municipality: "Parikkala",
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
