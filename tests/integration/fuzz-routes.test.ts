import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ruleFor, routePath, type MatrixRole } from "#app/authorization-matrix.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { prepareDatabase } from "../factories/index.ts";
import {
  callRoute,
  listRouteFiles,
  requestAs,
  seedWorld,
  type World,
} from "./authorization-matrix-seed.ts";

/**
 * Every form action in the authorization matrix, posted random forms by a
 * role allowed to use it: never a 5xx or a throw, and a rejected form
 * (4xx) changes no domain row. Intents are taken from the route's source
 * so that the generated forms reach past the first switch.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = 40;
const DOMAIN_TABLES = [
  "organizations",
  "users",
  "activities",
  "pilots",
  "participants",
  "consents",
  "referrals",
  "shortlist_items",
  "path_steps",
  "attendance",
  "contacts",
  "self_assessments",
  "invitations",
  "interest_concepts",
  "interest_terms",
];

let world: World;

beforeAll(async () => {
  prepareDatabase();
  world = await seedWorld();
  await ensureIndexes(getMeili()!);
  await drainOutbox();
}, 120_000);

function domainRows() {
  const db = getDb().$client;
  return Object.fromEntries(
    DOMAIN_TABLES.map((t) => [t, db.prepare(`select count(*) from ${t}`).pluck().get()]),
  );
}

function vocabularyOf(file: string) {
  const source = fs.readFileSync(path.resolve("app/routes", file), "utf8");
  const words = new Set<string>(["intent"]);
  for (const m of source.matchAll(/z\.literal\("([\w-]+)"\)|value="([\w-]+)"|name="([\w.-]+)"/g))
    words.add((m[1] ?? m[2] ?? m[3])!);
  return [...words];
}

// An erasure that the random form happens to confirm deletes the world's participant and its
// account; it runs last so that no later route meets a deleted user (whatever FUZZ_SEED is).
const erases = (f: string) => (f.startsWith("privacy.erase.") ? 1 : 0);
const writable = listRouteFiles()
  .filter((f) => ruleFor(f)?.write?.length)
  .sort((a, b) => erases(a) - erases(b));

describe.each(writable)("fuzz %s", (file) => {
  it(`${RUNS} random forms from an allowed role: no 5xx, nothing written on 4xx`, async () => {
    const rule = ruleFor(file)!;
    const role = (rule.write!.find((r) => r !== "anonymous") ?? "anonymous") as MatrixRole;
    const user = role === "anonymous" ? null : world.a.users[role];
    const params = Object.fromEntries(
      Object.entries(rule.params ?? {}).map(([k, kind]) => [k, world.a.records[kind]]),
    );
    const mod = (await import(path.resolve("app/routes", file))) as {
      action: Parameters<typeof callRoute>[0];
    };
    const words = vocabularyOf(file);
    const value = fc.oneof(
      fc.constantFrom(...words),
      fc.string({ maxLength: 30 }),
      fc.constantFrom("", "0", "-1", "9999999999", "2026-02-30", "<b>x</b>", "x".repeat(3000)),
      fc.constantFrom(...Object.values(world.a.records), ...Object.values(world.b.records)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...words), value), { maxLength: 10 }),
        async (pairs) => {
          const body = new URLSearchParams();
          for (const [k, v] of pairs) body.append(k, v);
          const before = domainRows();
          const request = await requestAs(user, routePath(file, params), {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: body.toString(),
          });
          const o = await callRoute(mod.action, request, params);
          const why = `${file} as ${role} with ${body.toString().slice(0, 200)}: ${o.status} ${o.body.slice(0, 200)}`;
          expect(o.status, why).toBeLessThan(500);
          if (o.status >= 400) expect(domainRows(), why).toEqual(before);
          for (const secret of world.b.secrets) expect(o.body, why).not.toContain(secret);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 120_000);
});
