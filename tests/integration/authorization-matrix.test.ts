import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#db/schema.ts";
import {
  AUTHORIZATION_MATRIX,
  MATRIX_ROLES,
  routePath,
  ruleFor,
  type MatrixRole,
  type RouteRule,
} from "#app/authorization-matrix.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { prepareDatabase } from "../factories/index.ts";
import {
  callRoute,
  listRouteFiles,
  requestAs,
  seedWorld,
  type Outcome,
  type World,
} from "./authorization-matrix-seed.ts";

type RouteModule = {
  loader?: Parameters<typeof callRoute>[0];
  action?: Parameters<typeof callRoute>[0];
};

let world: World;

beforeAll(async () => {
  prepareDatabase();
  world = await seedWorld();
  await ensureIndexes(getMeili()!);
  await drainOutbox();
}, 120_000);

const files = listRouteFiles();
const load = (file: string) => import(path.resolve("app/routes", file)) as Promise<RouteModule>;

/** Another organization's record, or the user's own (org A; anonymous and admins have none). */
function paramsFor(rule: RouteRule, scope: "own" | "other") {
  const side = scope === "own" ? world.a : world.b;
  return Object.fromEntries(
    Object.entries(rule.params ?? {}).map(([name, kind]) => [name, side.records[kind]]),
  );
}

function userFor(role: MatrixRole) {
  return role === "anonymous" ? null : world.a.users[role];
}

const describeOutcome = (o: Outcome) =>
  `${o.status}${o.location ? ` → ${o.location}` : ""} ${o.body.slice(0, 120)}`;

function expectDenied(o: Outcome, rule: RouteRule, role: MatrixRole, method: "GET" | "POST") {
  const why = `${method} as ${role}: ${describeOutcome(o)}`;
  if (rule.api && role === "anonymous") {
    expect(o.status, why).toBe(401);
    return;
  }
  const redirect = o.status >= 300 && o.status < 400;
  if (redirect) {
    // A redirect carries no data; actions must send the signed-out to sign in.
    if (method === "POST") expect(o.location ?? "", why).toMatch(/^\/login/);
    return;
  }
  expect([401, 403, 404], why).toContain(o.status);
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

  it("declares an action exactly where the route has one", async () => {
    for (const file of files) {
      const rule = ruleFor(file);
      if (!rule) continue;
      const mod = await load(file);
      expect(Boolean(mod.action), `${file}: action vs. "write" in the matrix`).toBe(
        Boolean(rule.write),
      );
      expect(Boolean(mod.loader), `${file} has a loader`).toBe(true);
    }
  });
});

describe.each(files.filter((f) => ruleFor(f)))("%s", (file) => {
  const rule = ruleFor(file)!;
  const scopes =
    rule.params && rule.ownOrganization ? (["own", "other"] as const) : (["own"] as const);

  it.each(MATRIX_ROLES)("GET as %s", async (role) => {
    const mod = await load(file);
    if (!mod.loader) return;
    for (const scope of scopes) {
      const params = paramsFor(rule, scope);
      const user = userFor(role);
      const participantId = scope === "own" ? world.a.participantId : world.b.participantId;
      const readsBefore = participantReads(user?.id, participantId);
      const o = await callRoute(
        mod.loader,
        await requestAs(user, routePath(file, params) + (rule.query ?? "")),
        params,
      );
      const allowed = (rule.read as readonly string[]).includes(role);
      const why = `GET ${routePath(file, params)} as ${role} (${scope}): ${describeOutcome(o)}`;
      if (!allowed) expectDenied(o, rule, role, "GET");
      else if (scope === "other") expect(o.status, why).toBe(404);
      else expect(o.status, why).toBeLessThan(400);
      // Never another organization's participant data, whatever the answer.
      for (const secret of world.b.secrets) expect(o.body, why).not.toContain(secret);
      const readsAfter = participantReads(user?.id, participantId);
      if (rule.auditsParticipantRead && allowed && scope === "own" && role !== "participant") {
        expect(readsAfter, `participant.read audit row for ${why}`).toBeGreaterThan(readsBefore);
      } else if (!allowed || scope === "other") {
        expect(readsAfter, `no participant.read for a refused ${why}`).toBe(readsBefore);
      }
    }
  });

  it.each(MATRIX_ROLES)("POST as %s", async (role) => {
    const mod = await load(file);
    if (!mod.action) return;
    for (const scope of scopes) {
      const params = paramsFor(rule, scope);
      const url = routePath(file, params);
      const request = await requestAs(userFor(role), url, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: "http://localhost:3000",
        },
        body: "",
      });
      const o = await callRoute(mod.action, request, params);
      const allowed = ((rule.write ?? []) as readonly string[]).includes(role);
      const why = `POST ${url} as ${role} (${scope}): ${describeOutcome(o)}`;
      if (!allowed) expectDenied(o, rule, role, "POST");
      else if (scope === "other") {
        // "As if it did not exist": the same answer as for a ref that exists nowhere.
        const ghost = Object.fromEntries(Object.keys(params).map((k) => [k, "no-such-ref-0"]));
        const g = await callRoute(
          mod.action,
          await requestAs(userFor(role), routePath(file, ghost), {
            method: "POST",
            headers: {
              "Content-Type": "application/x-www-form-urlencoded",
              Origin: "http://localhost:3000",
            },
            body: "",
          }),
          ghost,
        );
        expect(o.status, why).toBeGreaterThanOrEqual(400);
        expect(o.status, `${why} vs. a ref that does not exist: ${describeOutcome(g)}`).toBe(
          g.status,
        );
      }
      // An empty form is bad input: a clear 4xx or a redirect, never a 500.
      else expect(o.status, why).toBeLessThan(500);
      for (const secret of world.b.secrets) expect(o.body, why).not.toContain(secret);
    }
  });
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
