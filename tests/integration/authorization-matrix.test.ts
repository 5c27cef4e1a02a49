import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#db/schema.ts";
import {
  AUTHORIZATION_MATRIX,
  MATRIX_ROLES,
  routePath,
  ruleFor,
  type MatrixRole,
  type RouteRule,
} from "#app/authorization-matrix.ts";
import { createUserSession } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { prepareDatabase } from "../factories/index.ts";
import { ACTION_FORMS, freshUserOf, type FormCase } from "./action-forms.ts";
import {
  containsSecret,
  listRouteFiles,
  seedWorld,
  type World,
} from "./authorization-matrix-seed.ts";
import { rawRequest, type RawResponse } from "./http-client.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

/**
 * Every route × every role, through the real HTTP server: GET as a browser
 * asks for a page, POST with a valid form for every intent of every action
 * (tests/integration/action-forms.ts, generated from the routes' zod
 * schemas). Refused roles get 401/403/404 or a redirect, never data; an
 * allowed role's valid form on its own record succeeds; on another
 * organization's record it gets exactly the answer a record that does not
 * exist gets; no answer ever holds organization B's canaries; each
 * professional read of a participant writes a `participant.read` audit row.
 */
let world: World;
let build: ServerBuild;
let app: RunningApp;
const cookies = new Map<string, string>();

beforeAll(async () => {
  // One client address for the whole matrix: limits are not what is tested here.
  process.env.LOGIN_LIMIT_PER_IP = "100000";
  process.env.LOGIN_LIMIT_PER_ACCOUNT_IP = "100000";
  process.env.INVITE_LIMIT_PER_IP = "100000";
  process.env.PUBLIC_FORM_LIMIT_PER_IP = "100000";
  resetEnvCache();
  prepareDatabase();
  world = await seedWorld();
  await ensureIndexes(getMeili()!);
  await drainOutbox();
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
  delete process.env.LOGIN_LIMIT_PER_IP;
  delete process.env.LOGIN_LIMIT_PER_ACCOUNT_IP;
  delete process.env.INVITE_LIMIT_PER_IP;
  delete process.env.PUBLIC_FORM_LIMIT_PER_IP;
  resetEnvCache();
});

const files = listRouteFiles();
const load = (file: string) =>
  import(path.resolve("app/routes", file)) as Promise<{ loader?: unknown; action?: unknown }>;

async function cookieFor(userId: string) {
  let cookie = cookies.get(userId);
  if (!cookie) {
    cookie = (await createUserSession(new Request(app.url), userId)).split(";")[0]!;
    cookies.set(userId, cookie);
  }
  return cookie;
}

/** A few requests at a time: one server, many answers, no waiting in line for each. */
async function inParallel<T, R>(items: T[], fn: (item: T) => Promise<R>, limit = 8): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

type Outcome = { status: number; location: string | null; body: string };

/** Remix's data requests answer a redirect with 204 and X-Remix-Redirect: read it as the redirect it is. */
function outcomeOf(res: RawResponse): Outcome {
  const remixRedirect = res.headers["x-remix-redirect"] as string | undefined;
  if (remixRedirect) return { status: 302, location: remixRedirect, body: res.body };
  return { status: res.status, location: res.location, body: res.body };
}

const routeId = (file: string) =>
  `routes/${file.replace(/\/route\.(tsx|ts)$/, "").replace(/\.(tsx|ts)$/, "")}`;

async function get(url: string, userId: string | null) {
  return outcomeOf(
    await rawRequest(app.url, {
      path: url,
      headers: userId ? { Cookie: await cookieFor(userId) } : {},
    }),
  );
}

async function post(file: string, url: string, userId: string | null, fields: [string, string][]) {
  const body = new URLSearchParams();
  for (const [k, v] of fields) body.append(k, v);
  const headers: Record<string, string> = {
    Origin: app.url,
    "Content-Type": "application/x-www-form-urlencoded",
  };
  if (userId) headers.Cookie = await cookieFor(userId);
  const sep = url.includes("?") ? "&" : "?";
  return outcomeOf(
    await rawRequest(app.url, {
      method: "POST",
      path: `${url}${sep}_data=${encodeURIComponent(routeId(file))}`,
      headers,
      body: body.toString(),
    }),
  );
}

/** Another organization's record, or the user's own (org A; anonymous and admins have none). */
function paramsFor(rule: RouteRule, scope: "own" | "other" | "missing") {
  const side = scope === "own" ? world.a : world.b;
  return Object.fromEntries(
    Object.entries(rule.params ?? {}).map(([name, kind]) => [
      name,
      scope === "missing" ? "no-such-ref-0" : side.records[kind],
    ]),
  );
}

const userFor = (role: MatrixRole) => (role === "anonymous" ? null : world.a.users[role]);

const describeOutcome = (o: Outcome) =>
  `${o.status}${o.location ? ` → ${o.location}` : ""} ${o.body.slice(0, 160)}`;

function expectDenied(
  o: Outcome,
  rule: RouteRule,
  role: MatrixRole,
  method: "GET" | "POST",
  why: string,
) {
  if (rule.api && role === "anonymous") {
    expect(o.status, why).toBe(401);
    return;
  }
  if (o.status >= 300 && o.status < 400) {
    // A redirect carries no data; actions must send the signed-out to sign in.
    if (method === "POST") expect(o.location ?? "", why).toMatch(/^\/login/);
    return;
  }
  expect([401, 403, 404], why).toContain(o.status);
}

function noCanariesOfB(o: Outcome, why: string) {
  const found = world.b.secrets.filter((s) => containsSecret(o.body, s));
  expect(found, why).toEqual([]);
}

function participantReads(userId: string | undefined, participantId: number) {
  if (!userId) return 0;
  return getDb()
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, "participant.read"),
        eq(auditLog.actorUserId, userId),
        eq(auditLog.participantId, participantId),
      ),
    )
    .get()!.n;
}

const scopesOf = (rule: RouteRule) =>
  rule.params && rule.ownOrganization ? (["own", "other"] as const) : (["own"] as const);

describe("the authorization matrix", () => {
  it("lists every route file in app/routes, and nothing else", () => {
    const missing = files.filter((f) => !ruleFor(f));
    expect(missing, "route files without a row in app/authorization-matrix.ts").toEqual([]);
    const stale = Object.keys(AUTHORIZATION_MATRIX).filter((f) => !files.includes(f));
    expect(stale, "rows for route files that do not exist").toEqual([]);
  });

  it("maps route files to the URLs Remix serves them at", () => {
    expect(routePath("_index.tsx")).toBe("/");
    expect(routePath("admin.vocabulary._index.tsx")).toBe("/admin/vocabulary");
    expect(routePath("participants.$ref_.path.tsx", { ref: "p-1" })).toBe("/participants/p-1/path");
    expect(routePath("robots[.]txt.ts")).toBe("/robots.txt");
    expect(routePath("api.v1.participants.$ref.suggestions.ts", { ref: "p 2" })).toBe(
      "/api/v1/participants/p%202/suggestions",
    );
  });

  it("declares an action exactly where the route has one, and a valid form for each", async () => {
    for (const file of files) {
      const rule = ruleFor(file);
      if (!rule) continue;
      const mod = await load(file);
      expect(Boolean(mod.action), `${file}: action vs. "write" in the matrix`).toBe(
        Boolean(rule.write),
      );
      expect(Boolean(mod.loader), `${file} has a loader`).toBe(true);
      expect(
        Boolean(ACTION_FORMS[file]),
        `${file}: valid forms in tests/integration/action-forms.ts`,
      ).toBe(Boolean(rule.write));
    }
  });
});

describe.each(files.filter((f) => ruleFor(f)))("GET %s through the server", (file) => {
  const rule = ruleFor(file)!;
  it("every role, own and other organization's record", async () => {
    const runs = MATRIX_ROLES.flatMap((role) => scopesOf(rule).map((scope) => ({ role, scope })));
    await inParallel(runs, async ({ role, scope }) => {
      const params = paramsFor(rule, scope);
      const user = userFor(role);
      const participantId = scope === "own" ? world.a.participantId : world.b.participantId;
      const before = participantReads(user?.id, participantId);
      const url = routePath(file, params) + (rule.query ?? "");
      const o = await get(url, user?.id ?? null);
      const allowed = (rule.read as readonly string[]).includes(role);
      const why = `GET ${url} as ${role} (${scope}): ${describeOutcome(o)}`;
      expect(o.status, why).toBeLessThan(500);
      if (!allowed) expectDenied(o, rule, role, "GET", why);
      else if (scope === "other") expect(o.status, why).toBe(404);
      else expect(o.status, why).toBeLessThan(400);
      noCanariesOfB(o, why);
      const after = participantReads(user?.id, participantId);
      if (rule.auditsParticipantRead && allowed && scope === "own" && role !== "participant") {
        expect(after, `participant.read audit row for ${why}`).toBeGreaterThan(before);
      } else if (!allowed || scope === "other") {
        expect(after, `no participant.read for a refused ${why}`).toBe(before);
      }
    });
  });
});

const writable = files.filter((f) => ruleFor(f)?.write?.length);
// Cases that end sessions or erase go last only by their own fresh users and records (action-forms.ts).

describe.each(writable)("POST %s through the server, with valid forms", (file) => {
  const rule = ruleFor(file)!;
  it("refused roles, own records, and another organization's as if missing", async () => {
    type Run = { role: MatrixRole; scope: "own" | "other"; formCase: FormCase };
    const runs: Run[] = [];
    for (const role of MATRIX_ROLES) {
      const allowed = (rule.write as readonly string[]).includes(role);
      for (const scope of scopesOf(rule)) {
        const cases = await ACTION_FORMS[file]!({
          world,
          side: scope === "own" ? world.a : world.b,
          role,
          live: allowed && scope === "own",
        });
        expect(cases.length, file).toBeGreaterThan(0);
        for (const formCase of cases) runs.push({ role, scope, formCase });
      }
    }
    await inParallel(runs, async ({ role, scope, formCase }) => {
      const allowed = (rule.write as readonly string[]).includes(role);
      let user = userFor(role);
      if (formCase.freshUser && allowed && role !== "anonymous")
        user = await freshUserOf(role, world);
      const params = (scope === "own" && formCase.params) || paramsFor(rule, scope);
      const url = routePath(file, params);
      const o = await post(file, url, user?.id ?? null, formCase.fields);
      const why = `POST ${url} [${formCase.name}] as ${role} (${scope}): ${describeOutcome(o)}`;
      expect(o.status, why).toBeLessThan(500);
      noCanariesOfB(o, why);
      if (!allowed) return expectDenied(o, rule, role, "POST", why);
      if (scope === "own") {
        // A valid form on one's own record works: the comparisons below are on real actions.
        expect(o.status, why).toBeLessThan(400);
        return;
      }
      // "As if it did not exist": the same answer as for a ref that exists nowhere.
      const ghostUrl = routePath(file, paramsFor(rule, "missing"));
      const ghost = await post(file, ghostUrl, user?.id ?? null, formCase.fields);
      expect(o.status, why).toBeGreaterThanOrEqual(400);
      expect(o.status, `${why} vs. a ref that does not exist: ${describeOutcome(ghost)}`).toBe(
        ghost.status,
      );
      expect(o.body, `${why} vs. ${describeOutcome(ghost)}`).toBe(ghost.body);
    });
  }, 120_000);
});

describe("the audit log", () => {
  it("is append-only: the database refuses UPDATE and DELETE", () => {
    const db = getDb().$client;
    db.prepare(
      "insert into audit_log (at, action, entity_type) values (?, 'test.append', 'test')",
    ).run(Date.now());
    expect(() => db.exec("update audit_log set action = 'tampered'")).toThrow(/append-only/);
    expect(() => db.exec("delete from audit_log")).toThrow(/append-only/);
    expect(
      db.prepare("select count(*) from audit_log where action = 'tampered'").pluck().get(),
    ).toBe(0);
  });

  it("no module or route writes anything but inserts to it", async () => {
    const fs = await import("node:fs");
    const sources = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory()
            ? sources(path.join(dir, e.name))
            : /\.(ts|tsx)$/.test(e.name)
              ? [path.join(dir, e.name)]
              : [],
        );
    const offenders = sources("app").filter((file) =>
      /(update|delete)\(\s*auditLog\b|(update|delete from)\s+audit_log/i.test(
        fs.readFileSync(file, "utf8"),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
