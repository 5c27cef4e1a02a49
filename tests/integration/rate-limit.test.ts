import crypto from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import { eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimitHits, sessions } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { delayBeforeAttempt, maxAttemptsPerHour, signIn } from "#app/modules/auth/login.server.ts";
import { HOUR, pruneHits, recordHit, reserveSlot } from "#app/modules/auth/rate-limit.server.ts";
import { BASE, TEST_PASSWORD, createUser, prepareDatabase } from "../factories/index.ts";
import { rawRequest } from "./http-client.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

/**
 * Sign-in and invitation limits through the real server, with the client
 * address derived from real X-Forwarded-For headers: the app is started
 * as if one proxy stood in front of it (TRUST_PROXY=1), so the address that
 * counts is the one that proxy appended, whatever the client wrote before it.
 */
const PER_IP = 12;
const PER_PAIR = 4;
let build: ServerBuild;
let app: RunningApp;

beforeAll(async () => {
  process.env.TRUST_PROXY = "1";
  process.env.LOGIN_LIMIT_PER_IP = String(PER_IP);
  process.env.LOGIN_LIMIT_PER_ACCOUNT_IP = String(PER_PAIR);
  // The shape of the real delays (1 s doubling to 60 s), a thousand times faster.
  process.env.LOGIN_DELAY_BASE_MS = "1";
  process.env.LOGIN_DELAY_MAX_MS = "60";
  process.env.INVITE_LIMIT_PER_IP = "3";
  resetEnvCache();
  prepareDatabase();
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
  for (const name of [
    "TRUST_PROXY",
    "LOGIN_LIMIT_PER_IP",
    "LOGIN_LIMIT_PER_ACCOUNT_IP",
    "LOGIN_DELAY_BASE_MS",
    "LOGIN_DELAY_MAX_MS",
    "INVITE_LIMIT_PER_IP",
  ])
    delete process.env[name];
  resetEnvCache();
});

/** A sign-in as the browser behind our proxy sends it: X-Forwarded-For ends with what the proxy saw. */
async function login(fields: Record<string, string>, forwardedFor: string) {
  const res = await rawRequest(app.url, {
    method: "POST",
    path: "/login?_data=routes%2Flogin",
    headers: {
      Origin: app.url,
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Forwarded-For": forwardedFor,
    },
    body: new URLSearchParams(fields).toString(),
  });
  const json = res.headers["content-type"]?.includes("json")
    ? (JSON.parse(res.body) as { formError: string | null; fieldErrors: Record<string, string> })
    : null;
  return { status: res.status, body: json, cookie: res.headers["set-cookie"], res };
}

const randomIp = () => `198.51.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;

const sessionCount = (userId: string) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .get()!.n;

describe("sign-in limits, addresses from X-Forwarded-For through the real server", () => {
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

  it("a client's own X-Forwarded-For entries change nothing: the proxy's address is limited", async () => {
    const real = "10.2.0.1";
    const answers = [];
    // Random values, and the probe's "spoofed, real" form, all left of what the proxy appended.
    for (let i = 0; i < PER_IP + 3; i++) {
      const claimed = i % 2 ? randomIp() : `${randomIp()}, ${randomIp()}`;
      answers.push(
        (
          await login(
            { email: `guess-${i}@test.example`, password: "guess guess" },
            `${claimed}, ${real}`,
          )
        ).status,
      );
    }
    expect(answers.slice(0, PER_IP)).toEqual(Array(PER_IP).fill(400));
    expect(answers.slice(PER_IP)).toEqual([429, 429, 429]);
    const u = await createUser("worker", null);
    const blocked = await login(
      { email: u.email, password: TEST_PASSWORD },
      `${randomIp()}, ${real}`,
    );
    expect(blocked.status).toBe(429);
    expect(blocked.res.headers["retry-after"]).toBeDefined();
    // Another real address is not affected.
    const elsewhere = await login({ email: u.email, password: TEST_PASSWORD }, "10.2.0.2");
    expect(elsewhere.status).toBe(204);
  });

  it("without a trusted proxy, X-Forwarded-For is ignored altogether", async () => {
    process.env.TRUST_PROXY = "0";
    resetEnvCache();
    const direct = await startApp(build);
    try {
      const statuses = [];
      for (let i = 0; i < PER_IP + 1; i++) {
        const res = await rawRequest(direct.url, {
          method: "POST",
          path: "/login?_data=routes%2Flogin",
          headers: {
            Origin: direct.url,
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": randomIp(),
          },
          body: new URLSearchParams({
            email: `direct-${i}@test.example`,
            password: "guess guess",
          }).toString(),
        });
        statuses.push(res.status);
      }
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await direct.close();
      process.env.TRUST_PROXY = "1";
      resetEnvCache();
      // This test's socket address must not stay limited for the others.
      getDb().delete(rateLimitHits).where(like(rateLimitHits.bucket, "login-ip:%127.0.0.1")).run();
    }
  });

  it("limits an (account, address) pair, never the account for others: the owner signs in after 100 failures", async () => {
    const u = await createUser("staff", null);
    const attackers = Array.from({ length: 25 }, (_, i) => `10.3.${i}.1`);
    // 100 wrong passwords from 25 addresses, 4 each (each pair's limit), in parallel.
    const failures = await Promise.all(
      attackers.flatMap((ip) =>
        Array.from({ length: PER_PAIR }, () =>
          login({ email: u.email, password: "not the password" }, ip),
        ),
      ),
    );
    expect(failures.map((f) => f.status).filter((s) => s !== 400 && s !== 429)).toEqual([]);
    // Each attacker address is now refused on this account, even with the right password…
    const pairBlocked = await login({ email: u.email, password: TEST_PASSWORD }, attackers[0]!);
    expect(pairBlocked.status).toBe(429);
    expect(pairBlocked.body?.formError).toBe("login.rateLimited");
    expect(pairBlocked.cookie).toBeUndefined();
    expect(sessionCount(u.id)).toBe(0);
    // …but the same address may still try other accounts, and the owner from a new address gets in.
    const owner = await login({ email: u.email, password: TEST_PASSWORD }, "192.0.2.77");
    expect(owner.status).toBe(204);
    expect(String(owner.cookie)).toMatch(/luotsi_session=/);
    // The pair limit is by email, whatever its case or spacing.
    const shouted = await login(
      { email: `  ${u.email.toUpperCase()} `, password: TEST_PASSWORD },
      attackers[1]!,
    );
    expect(shouted.status).toBe(429);
  });

  it("every attempt after five failures waits its turn: the account's checks are spaced by the doubling delay", async () => {
    const u = await createUser("worker", null);
    for (let i = 0; i < 9; i++)
      await login({ email: u.email, password: "nope nope nope" }, `10.4.${i}.1`);
    const slots = getDb()
      .select({ at: rateLimitHits.at })
      .from(rateLimitHits)
      .where(eq(rateLimitHits.bucket, `login-slot:${u.email}`))
      .orderBy(rateLimitHits.at)
      .all()
      .map((r) => r.at);
    expect(slots).toHaveLength(9);
    const gaps = slots.slice(1).map((at, i) => at - slots[i]!);
    // Gap before attempt k+1 ≥ the delay after k failures: 0 ×4, then 1, 2, 4, 8 (ms here, s for real).
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(delayBeforeAttempt(i + 1)));
    // A success clears the account's failures.
    expect((await login({ email: u.email, password: TEST_PASSWORD }, "10.4.99.1")).status).toBe(
      204,
    );
    const after = await login({ email: u.email, password: "nope nope nope" }, "10.4.99.2");
    expect(after.status).toBe(400);
  });
});

describe("the delay's arithmetic", () => {
  const real = { baseMs: 1000, maxMs: 60_000 };

  it("doubles after five failures and stops at 60 s", () => {
    expect([0, 4, 5, 6, 7, 10, 11, 12, 50].map((f) => delayBeforeAttempt(f, real))).toEqual([
      0, 0, 1000, 2000, 4000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it("keeps any account under NIST SP 800-63B's 100 attempts an hour", () => {
    expect(maxAttemptsPerHour(real)).toBeLessThan(100);
    expect(maxAttemptsPerHour(real)).toBe(69);
  });

  it("attempts arriving together are queued one after another, never checked at once", () => {
    const bucket = `login-slot:queue-${crypto.randomBytes(3).toString("hex")}@test.example`;
    const now = Date.now() + HOUR;
    const slots = Array.from({ length: 5 }, () =>
      reserveSlot(bucket, 20_000, 60_000, undefined, now),
    );
    expect(slots).toEqual([now, now + 20_000, now + 40_000, now + 60_000, undefined]);
  });

  // Up to 100 password hashes: a minute or more on a 2-core machine that runs the other suite too.
  it("a simulated hour of failures from ever new addresses gets fewer than 100 checks", async () => {
    process.env.LOGIN_DELAY_BASE_MS = "1000";
    process.env.LOGIN_DELAY_MAX_MS = "60000";
    process.env.LOGIN_LIMIT_PER_IP = "1000000";
    resetEnvCache();
    try {
      const u = await createUser("worker", null);
      let t = Date.now() + 3 * HOUR;
      const start = t;
      let checks = 0;
      while (t < start + HOUR) {
        const r = await signIn(
          new Request(`${BASE}/login`),
          { email: u.email, password: "wrong wrong wrong", ip: randomIp() },
          { now: () => t, wait: async (ms) => (t += ms) },
        );
        if (r.ok) throw new Error("signed in with a wrong password");
        if (r.reason === "invalid") checks++;
        t += 1;
      }
      expect(checks).toBeLessThan(100);
    } finally {
      process.env.LOGIN_DELAY_BASE_MS = "1";
      process.env.LOGIN_DELAY_MAX_MS = "60";
      process.env.LOGIN_LIMIT_PER_IP = String(PER_IP);
      resetEnvCache();
    }
  }, 180_000);
});

describe("rate_limit_hits holds addresses only as long as a window needs them", () => {
  it("pruneHits removes hits older than an hour and keeps the rest", () => {
    const bucket = `login-ip:203.0.113.${crypto.randomInt(1, 250)}`;
    const now = Date.now();
    recordHit(bucket, undefined, now - 2 * HOUR);
    recordHit(bucket, undefined, now - 10_000);
    pruneHits(undefined, now);
    const left = getDb()
      .select({ at: rateLimitHits.at })
      .from(rateLimitHits)
      .where(eq(rateLimitHits.bucket, bucket))
      .all();
    expect(left.map((r) => r.at)).toEqual([now - 10_000]);
    const old = getDb()
      .select({ n: sql<number>`count(*)` })
      .from(rateLimitHits)
      .where(sql`${rateLimitHits.at} < ${now - HOUR}`)
      .get()!.n;
    expect(old).toBe(0);
  });

  it("npm start prunes at start and every few minutes", async () => {
    const source = await import("node:fs").then((fs) =>
      fs.readFileSync("scripts/start.ts", "utf8"),
    );
    expect(source).toMatch(/pruneHits\(\)/);
  });
});

describe("invitation rate limit", () => {
  it("answers 429 after INVITE_LIMIT_PER_IP attempts from one address per hour", async () => {
    const attempt = (forwardedFor: string) =>
      rawRequest(app.url, {
        method: "POST",
        path: `/invite/guess-${crypto.randomBytes(8).toString("hex")}`,
        headers: {
          Origin: app.url,
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Forwarded-For": forwardedFor,
        },
        body: new URLSearchParams({ password: "a long enough phrase", confirm: "x" }).toString(),
      });
    for (let i = 0; i < 3; i++)
      expect((await attempt(`${randomIp()}, 10.6.0.1`)).status).not.toBe(429);
    expect((await attempt(`${randomIp()}, 10.6.0.1`)).status).toBe(429);
    expect((await attempt("10.6.0.2")).status).not.toBe(429);
  });
});

describe("bad input and the honeypot", () => {
  it("answers bad input with 400 field errors, not a 500", async () => {
    const r = await login({ email: "not an email", password: "" }, "10.7.0.1");
    expect(r.status).toBe(400);
    expect(Object.keys(r.body!.fieldErrors).sort()).toEqual(["email", "password"]);
  });

  it("refuses a filled honeypot with the ordinary failure, even with the right password", async () => {
    const u = await createUser("worker", null);
    const r = await login(
      { email: u.email, password: TEST_PASSWORD, website: "http://spam.example" },
      "10.5.0.1",
    );
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ fieldErrors: {}, formError: "login.failed" });
    expect(r.cookie).toBeUndefined();
    expect(sessionCount(u.id)).toBe(0);
    const empty = await login({ email: u.email, password: TEST_PASSWORD, website: "" }, "10.5.0.2");
    expect(empty.status).toBe(204);
  });

  it("renders the honeypot hidden from people and out of the tab order", async () => {
    const fs = await import("node:fs");
    // One field for every public form: sign-in, "become a pilot" and an association's application.
    const source = fs.readFileSync("app/modules/security/honeypot-field.tsx", "utf8");
    expect(source).toMatch(/className="visually-hidden" aria-hidden="true"/);
    expect(source).toMatch(/tabIndex=\{-1\}/);
    expect(source).toMatch(/autoComplete="off"/);
    for (const route of [
      "app/routes/login.tsx",
      "app/routes/join.pilot.tsx",
      "app/routes/join.association.tsx",
    ])
      expect(fs.readFileSync(route, "utf8"), route).toMatch(/<HoneypotField \/>/);
  });
});
