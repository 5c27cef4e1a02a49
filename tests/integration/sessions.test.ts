import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions, users, type Role } from "#db/schema.ts";
import { SESSION_COOKIE, getSessionUser, requireUser } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { action as loginAction } from "#app/routes/login.tsx";
import { action as logoutAction } from "#app/routes/logout.tsx";
import { loader as dashboardLoader } from "#app/routes/dashboard.tsx";
import {
  BASE,
  TEST_PASSWORD,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

beforeAll(() => {
  prepareDatabase();
});

const sessionIdOf = (req: Request) =>
  /luotsi_session=([^;]+)/.exec(req.headers.get("Cookie") ?? "")![1]!;
const now = () => Math.floor(Date.now() / 1000);

function setSession(id: string, values: { createdAt?: number; expiresAt?: number }) {
  getDb().update(sessions).set(values).where(eq(sessions.id, id)).run();
}

async function signInByForm(email: string, cookie?: string) {
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
  };
  if (cookie) headers.Cookie = cookie;
  const res = (await loginAction({
    request: new Request(`${BASE}/login`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ email, password: TEST_PASSWORD }).toString(),
    }),
    params: {},
    context: { clientIp: "10.1.1.1" },
  })) as Response;
  return res;
}

describe("session lifetime", () => {
  it("uses the configured limits: 30 minutes idle, 12 hours absolute", () => {
    expect(getEnv().SESSION_IDLE_MINUTES).toBe(30);
    expect(getEnv().SESSION_ABSOLUTE_HOURS).toBe(12);
  });

  it("ends a session after 30 minutes without use (idle timeout)", async () => {
    const u = await createUser("worker", null);
    const req = await signedInRequest(u.id, `${BASE}/dashboard`);
    const row = getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.id, sessionIdOf(req)))
      .get()!;
    // lucia's expiry is now + idle timeout, sliding forward on use.
    expect(row.expiresAt - now()).toBeGreaterThan(29 * 60);
    expect(row.expiresAt - now()).toBeLessThanOrEqual(30 * 60);
    setSession(row.id, { expiresAt: now() - 1 });
    expect(await getSessionUser(req)).toBeUndefined();
    expect(getDb().select().from(sessions).where(eq(sessions.id, row.id)).get()).toBeUndefined();
    await expect(requireUser(req)).rejects.toMatchObject({ status: 302 });
  });

  it("keeps a session in use alive by sliding its expiry forward", async () => {
    const u = await createUser("worker", null);
    const req = await signedInRequest(u.id, `${BASE}/dashboard`);
    // 10 minutes left: lucia extends sessions in their second half.
    setSession(sessionIdOf(req), { expiresAt: now() + 600 });
    expect(await getSessionUser(req)).toBeDefined();
    const row = getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.id, sessionIdOf(req)))
      .get()!;
    expect(row.expiresAt - now()).toBeGreaterThan(25 * 60);
  });

  it.each(["admin", "staff", "worker"] as Role[])(
    "ends a %s session 12 hours after sign-in even when in use (absolute timeout)",
    async (role) => {
      const u = await createUser(role, null);
      const req = await signedInRequest(u.id, `${BASE}/dashboard`);
      setSession(sessionIdOf(req), { createdAt: now() - 11 * 3600 - 3500 });
      expect(await getSessionUser(req)).toBeDefined();
      setSession(sessionIdOf(req), { createdAt: now() - 12 * 3600 - 1, expiresAt: now() + 1700 });
      expect(await getSessionUser(req)).toBeUndefined();
      expect(
        getDb()
          .select()
          .from(sessions)
          .where(eq(sessions.id, sessionIdOf(req)))
          .get(),
      ).toBeUndefined();
    },
  );

  it.each(["pilot", "participant"] as Role[])(
    "has no absolute limit for %s accounts (idle timeout only)",
    async (role) => {
      const u = await createUser(role, null);
      const req = await signedInRequest(u.id, `${BASE}/dashboard`);
      setSession(sessionIdOf(req), { createdAt: now() - 48 * 3600 });
      expect(await getSessionUser(req)).toBeDefined();
    },
  );

  it("ends the sessions of a deactivated account", async () => {
    const u = await createUser("worker", null);
    const req = await signedInRequest(u.id, `${BASE}/dashboard`);
    getDb().update(users).set({ active: false }).where(eq(users.id, u.id)).run();
    expect(await getSessionUser(req)).toBeUndefined();
  });

  it("signing out ends the session on the server, not only the cookie", async () => {
    const u = await createUser("worker", null);
    const req = await signedInRequest(u.id, `${BASE}/logout`, { method: "POST" });
    const res = (await logoutAction({ request: req, params: {}, context: {} })) as Response;
    expect(res.headers.get("Set-Cookie")).toMatch(/luotsi_session=; .*Max-Age=0/);
    expect(await getSessionUser(req)).toBeUndefined();
  });
});

describe("session fixation", () => {
  it("issues a new session id at sign-in and ignores one planted before", async () => {
    const u = await createUser("worker", null);
    const planted = `${SESSION_COOKIE}=attackerchosenvalue0000000000000`;
    const res = await signInByForm(u.email, planted);
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("luotsi_session="))!;
    const id = /luotsi_session=([^;]+)/.exec(cookie)![1]!;
    expect(id).not.toBe("attackerchosenvalue0000000000000");
    expect(id).toMatch(/^[a-z0-9]{20,}$/);
    const planteds = new Request(`${BASE}/dashboard`, { headers: { Cookie: planted } });
    expect(await getSessionUser(planteds)).toBeUndefined();
  });

  it("gives a new session at each sign-in, even when already signed in", async () => {
    const u = await createUser("staff", null);
    const first = await signInByForm(u.email);
    const firstId = /luotsi_session=([^;]+)/.exec(first.headers.get("Set-Cookie")!)![1]!;
    const second = await signInByForm(u.email, `${SESSION_COOKIE}=${firstId}`);
    // Signed-in users posting the form are still signed in anew.
    const secondCookie = second.headers.get("Set-Cookie");
    if (secondCookie) {
      const secondId = /luotsi_session=([^;]+)/.exec(secondCookie)![1]!;
      expect(secondId).not.toBe(firstId);
    }
    const ids = getDb().select().from(sessions).where(eq(sessions.userId, u.id)).all();
    expect(new Set(ids.map((s) => s.id)).size).toBe(ids.length);
  });

  it("the session cookie is HttpOnly, SameSite=Lax and has no lasting expiry", async () => {
    const u = await createUser("worker", null);
    const res = await signInByForm(u.email);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("luotsi_session="))!;
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toMatch(/Expires=|Max-Age=\d/);
  });

  it("protected pages send the signed-out to sign in", async () => {
    const res = await dashboardLoader({
      request: new Request(`${BASE}/dashboard`),
      params: {},
      context: {},
    }).catch((e: unknown) => e);
    expect((res as Response).status).toBe(302);
    expect((res as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fdashboard");
  });
});
