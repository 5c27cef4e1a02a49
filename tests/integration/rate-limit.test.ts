import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv, resetEnvCache } from "#app/infra/env.server.ts";
import { action as loginAction } from "#app/routes/login.tsx";
import { action as inviteAction } from "#app/routes/invite.$token.tsx";
import { BASE, TEST_PASSWORD, createUser, prepareDatabase } from "../factories/index.ts";

const PER_IP = 6;
const PER_ACCOUNT = 3;

beforeAll(() => {
  // Limits are configuration: this file's requests all come from a few fake IPs.
  process.env.LOGIN_LIMIT_PER_IP = String(PER_IP);
  process.env.LOGIN_LIMIT_PER_ACCOUNT = String(PER_ACCOUNT);
  process.env.INVITE_LIMIT_PER_IP = "3";
  resetEnvCache();
  prepareDatabase();
});

afterAll(() => {
  delete process.env.LOGIN_LIMIT_PER_IP;
  delete process.env.LOGIN_LIMIT_PER_ACCOUNT;
  delete process.env.INVITE_LIMIT_PER_IP;
  resetEnvCache();
});

async function login(fields: Record<string, string>, ip: string) {
  const res = (await loginAction({
    request: new Request(`${BASE}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    }),
    params: {},
    context: { clientIp: ip },
  })) as Response;
  const body = res.headers.get("Content-Type")?.includes("json")
    ? ((await res.json()) as { formError: string | null; fieldErrors: Record<string, string> })
    : null;
  return { status: res.status, body, cookie: res.headers.get("Set-Cookie") };
}

const sessionCount = (userId: string) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .get()!.n;

describe("login rate limits", () => {
  it("answers unknown emails and wrong passwords alike", async () => {
    const u = await createUser("worker", null);
    const wrong = await login({ email: u.email, password: "wrong password here" }, "10.0.0.1");
    const unknown = await login(
      { email: "nobody-here@test.example", password: "wrong password here" },
      "10.0.0.2",
    );
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ fieldErrors: {}, formError: "login.failed" });
  });

  it("limits failed logins per account (429), even from many IPs and with the right password", async () => {
    const u = await createUser("staff", null);
    for (let i = 0; i < PER_ACCOUNT; i++) {
      const r = await login({ email: u.email, password: "not the password" }, `10.1.0.${i}`);
      expect(r.status).toBe(400);
    }
    const blocked = await login({ email: u.email, password: TEST_PASSWORD }, "10.1.1.99");
    expect(blocked.status).toBe(429);
    expect(blocked.body?.formError).toBe("login.rateLimited");
    expect(blocked.cookie).toBeNull();
    expect(sessionCount(u.id)).toBe(0);
    // The account limit is by email, whatever its case or spacing.
    const shouted = await login(
      { email: `  ${u.email.toUpperCase()} `, password: TEST_PASSWORD },
      "10.1.1.98",
    );
    expect(shouted.status).toBe(429);
  });

  it("limits failed logins per IP (429) across accounts; other IPs are not affected", async () => {
    const ip = "10.2.0.1";
    for (let i = 0; i < PER_IP; i++) {
      const r = await login({ email: `guess-${i}@test.example`, password: "guess guess" }, ip);
      expect(r.status).toBe(400);
    }
    const u = await createUser("worker", null);
    const blocked = await login({ email: u.email, password: TEST_PASSWORD }, ip);
    expect(blocked.status).toBe(429);
    const elsewhere = await login({ email: u.email, password: TEST_PASSWORD }, "10.2.0.2");
    expect(elsewhere.status).toBe(302);
    expect(elsewhere.cookie).toMatch(/luotsi_session=/);
  });

  it("a successful sign-in clears the account's failures", async () => {
    const u = await createUser("worker", null);
    for (let i = 0; i < PER_ACCOUNT - 1; i++)
      await login({ email: u.email, password: "nope nope" }, `10.3.0.${i}`);
    expect((await login({ email: u.email, password: TEST_PASSWORD }, "10.3.1.1")).status).toBe(302);
    for (let i = 0; i < PER_ACCOUNT - 1; i++)
      await login({ email: u.email, password: "nope nope" }, `10.3.2.${i}`);
    expect((await login({ email: u.email, password: TEST_PASSWORD }, "10.3.3.1")).status).toBe(302);
  });

  it("never allows more than 100 failed logins per account per hour", () => {
    process.env.LOGIN_LIMIT_PER_ACCOUNT = "101";
    resetEnvCache();
    expect(() => getEnv()).toThrow(/LOGIN_LIMIT_PER_ACCOUNT/);
    delete process.env.LOGIN_LIMIT_PER_ACCOUNT;
    resetEnvCache();
    expect(getEnv().LOGIN_LIMIT_PER_ACCOUNT).toBe(100);
    process.env.LOGIN_LIMIT_PER_ACCOUNT = String(PER_ACCOUNT);
    resetEnvCache();
  });

  it("answers bad input with 400 field errors, not a 500", async () => {
    const r = await login({ email: "not an email", password: "" }, "10.4.0.1");
    expect(r.status).toBe(400);
    expect(Object.keys(r.body!.fieldErrors).sort()).toEqual(["email", "password"]);
  });
});

describe("honeypot on the sign-in form", () => {
  it("refuses a filled honeypot with the ordinary failure, even with the right password", async () => {
    const u = await createUser("worker", null);
    const r = await login(
      { email: u.email, password: TEST_PASSWORD, website: "http://spam.example" },
      "10.5.0.1",
    );
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ fieldErrors: {}, formError: "login.failed" });
    expect(r.cookie).toBeNull();
    expect(sessionCount(u.id)).toBe(0);
    const empty = await login({ email: u.email, password: TEST_PASSWORD, website: "" }, "10.5.0.2");
    expect(empty.status).toBe(302);
  });

  it("renders the honeypot hidden from people and out of the tab order", async () => {
    const source = await import("node:fs").then((fs) =>
      fs.readFileSync("app/routes/login.tsx", "utf8"),
    );
    expect(source).toMatch(/className="visually-hidden" aria-hidden="true"/);
    expect(source).toMatch(/tabIndex=\{-1\}/);
    expect(source).toMatch(/autoComplete="off"/);
  });
});

describe("invitation rate limit", () => {
  it("answers 429 after INVITE_LIMIT_PER_IP attempts from one IP per hour", async () => {
    const attempt = async (ip: string) =>
      (await inviteAction({
        request: new Request(`${BASE}/invite/x`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ password: "a long enough phrase", confirm: "x" }).toString(),
        }),
        params: { token: `guess-${ip}-${Math.random()}` },
        context: { clientIp: ip },
      })) as Response;
    for (let i = 0; i < 3; i++) expect((await attempt("10.6.0.1")).status).not.toBe(429);
    expect((await attempt("10.6.0.1")).status).toBe(429);
    expect((await attempt("10.6.0.2")).status).not.toBe(429);
  });
});
