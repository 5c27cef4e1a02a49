import { beforeAll, describe, expect, it } from "vitest";
import { getDb, writeTransaction } from "#app/infra/db.server.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { loader as auditLoader } from "#app/routes/admin.audit.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
  system,
} from "../factories/index.ts";

type U = Awaited<ReturnType<typeof createUser>>;
let admin: U;
let staff: U;

beforeAll(async () => {
  prepareDatabase();
  const org = createOrganization();
  admin = await createUser("admin", null);
  staff = await createUser("staff", org.id);
  createActivity(org.id, { title: "Kalastuskerho" });
  writeTransaction((tx) =>
    recordAudit(tx, system, { action: "test.later", entityType: "test", entityId: "x" }),
  );
});

type AuditPage = {
  rows: { action: string; at: string; changes: string }[];
  actions: string[];
  total: number;
};

describe("the audit log page", () => {
  it("lists rows newest first with the changed fields, and filters by action", async () => {
    const all = (await auditLoader({
      request: await signedInRequest(admin.id, `${BASE}/admin/audit`),
      params: {},
      context: {},
    })) as AuditPage;
    expect(all.rows[0]!.action).toBe("test.later");
    const times = all.rows.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.actions).toEqual(expect.arrayContaining(["activity.create", "organization.create"]));
    const creates = (await auditLoader({
      request: await signedInRequest(admin.id, `${BASE}/admin/audit?action=activity.create`),
      params: {},
      context: {},
    })) as AuditPage;
    expect(creates.rows.every((r) => r.action === "activity.create")).toBe(true);
    // Which fields changed, never their values (no audit row holds a personal value).
    expect(creates.rows[0]!.changes).toContain("title");
    expect(creates.rows[0]!.changes).not.toContain("Kalastuskerho");
    // A malformed query shows the first page rather than an error.
    const odd = (await auditLoader({
      request: await signedInRequest(admin.id, `${BASE}/admin/audit?page=-3`),
      params: {},
      context: {},
    })) as AuditPage;
    expect(odd.rows.length).toBeGreaterThan(0);
  });

  it("is for admins only and cannot be changed", async () => {
    await expect(
      auditLoader({
        request: await signedInRequest(staff.id, `${BASE}/admin/audit`),
        params: {},
        context: {},
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(() => getDb().$client.prepare("delete from audit_log").run()).toThrow();
    expect(() => getDb().$client.prepare("update audit_log set action = 'x'").run()).toThrow();
  });
});
