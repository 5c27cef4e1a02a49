import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleFor, routePath, type MatrixRole } from "#app/authorization-matrix.ts";
import { createUserSession } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { BASE, prepareDatabase } from "../factories/index.ts";
import {
  containsSecret,
  listRouteFiles,
  seedWorld,
  type World,
} from "./authorization-matrix-seed.ts";
import { rawRequest } from "./http-client.ts";
import { REDIRECT_CORPUS } from "./redirect-corpus.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

/**
 * Every form action in the authorization matrix, posted random bodies by a
 * role allowed to use it, through the real server: forms with the route's
 * own field names and intents (taken from its source), values with control
 * characters, huge and odd strings and known open-redirect bypasses, sent as
 * forms, as multipart (well-formed or broken) and as other content types.
 * Never a 5xx, a rejected body (4xx) changes no domain row, no redirect
 * leaves the site, and no answer holds the other organization's canaries.
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
let build: ServerBuild;
let app: RunningApp;
const cookies = new Map<string, string>();

beforeAll(async () => {
  process.env.LOGIN_LIMIT_PER_IP = "100000";
  process.env.LOGIN_LIMIT_PER_ACCOUNT_IP = "100000";
  process.env.INVITE_LIMIT_PER_IP = "100000";
  resetEnvCache();
  prepareDatabase();
  world = await seedWorld();
  await ensureIndexes(getMeili()!);
  await drainOutbox();
  // Sessions made up front: a random form may well erase the participant and their account.
  for (const user of Object.values(world.a.users))
    cookies.set(user.id, (await createUserSession(new Request(BASE), user.id)).split(";")[0]!);
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
  delete process.env.LOGIN_LIMIT_PER_IP;
  delete process.env.LOGIN_LIMIT_PER_ACCOUNT_IP;
  delete process.env.INVITE_LIMIT_PER_IP;
  resetEnvCache();
});

function domainRows() {
  const db = getDb().$client;
  return Object.fromEntries(
    DOMAIN_TABLES.map((t) => [t, db.prepare(`select count(*) from ${t}`).pluck().get()]),
  );
}

function vocabularyOf(file: string) {
  const source = fs.readFileSync(path.resolve("app/routes", file), "utf8");
  const words = new Set<string>(["intent", "redirectTo"]);
  for (const m of source.matchAll(/z\.literal\("([\w-]+)"\)|value="([\w-]+)"|name="([\w.-]+)"/g))
    words.add((m[1] ?? m[2] ?? m[3])!);
  return [...words];
}

const BOUNDARY = "----fuzz-boundary";

/** One body in one of the ways a client might send it, well-formed or not. */
function encode(pairs: [string, string][], how: string): { type?: string; body: string } {
  const form = new URLSearchParams();
  for (const [k, v] of pairs) form.append(k, v);
  const multipart = pairs
    .map(
      ([k, v]) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, "_")}"\r\n\r\n${v}\r\n`,
    )
    .join("");
  switch (how) {
    case "multipart":
      return {
        type: `multipart/form-data; boundary=${BOUNDARY}`,
        body: `${multipart}--${BOUNDARY}--\r\n`,
      };
    case "broken multipart":
      return { type: `multipart/form-data; boundary=${BOUNDARY}`, body: multipart.slice(0, -7) };
    case "multipart without boundary":
      return { type: "multipart/form-data", body: multipart };
    case "json":
      return { type: "application/json", body: JSON.stringify(Object.fromEntries(pairs)) };
    case "text":
      return { type: "text/plain", body: form.toString() };
    case "no type":
      return { body: form.toString() };
    default:
      return { type: "application/x-www-form-urlencoded", body: form.toString() };
  }
}

// An erasure that the random form happens to confirm deletes the world's participant and its
// account; it runs last so that no later route meets a deleted user (whatever FUZZ_SEED is).
const erases = (f: string) => (f.startsWith("privacy.erase.") ? 1 : 0);
const writable = listRouteFiles()
  .filter((f) => ruleFor(f)?.write?.length)
  .sort((a, b) => erases(a) - erases(b));

describe.each(writable)("fuzz %s through the server", (file) => {
  it(`${RUNS} random bodies from an allowed role: no 5xx, nothing written on 4xx, no redirect off the site`, async () => {
    const rule = ruleFor(file)!;
    const role = (rule.write!.find((r) => r !== "anonymous") ?? "anonymous") as MatrixRole;
    const user = role === "anonymous" ? null : world.a.users[role];
    const cookie = user ? cookies.get(user.id) : undefined;
    const params = Object.fromEntries(
      Object.entries(rule.params ?? {}).map(([k, kind]) => [k, world.a.records[kind]]),
    );
    const words = vocabularyOf(file);
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...words) },
      { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "",
          "0",
          "-1",
          "9999999999",
          "2026-02-30",
          "<b>x</b>",
          "x".repeat(3000),
          "\u0000",
          "a\r\nb",
          "\u202e\u0007",
          'p-1"; filename=x',
        ),
      },
      { weight: 2, arbitrary: fc.constantFrom(...REDIRECT_CORPUS) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          ...Object.values(world.a.records),
          ...Object.values(world.b.records),
        ),
      },
    );
    const how = fc.oneof(
      { weight: 6, arbitrary: fc.constant("form") },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "multipart",
          "broken multipart",
          "multipart without boundary",
          "json",
          "text",
          "no type",
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...words), value), { maxLength: 10 }),
        how,
        async (pairs, encoding) => {
          const { type, body } = encode(pairs, encoding);
          const before = domainRows();
          const url = routePath(file, params);
          const res = await rawRequest(app.url, {
            method: "POST",
            path: `${url}?_data=routes/${file.replace(/\.(tsx|ts)$/, "")}`,
            headers: {
              Origin: app.url,
              ...(type ? { "Content-Type": type } : {}),
              ...(cookie ? { Cookie: cookie } : {}),
            },
            body,
          });
          const why = `${file} as ${role}, ${encoding} ${body.slice(0, 200)}: ${res.status} ${res.body.slice(0, 200)}`;
          expect(res.status, why).toBeLessThan(500);
          if (res.status >= 400) expect(domainRows(), why).toEqual(before);
          const to = (res.headers["x-remix-redirect"] as string | undefined) ?? res.location;
          if (to) expect(new URL(to, `${app.url}/x/y`).origin, why).toBe(new URL(app.url).origin);
          for (const secret of world.b.secrets)
            expect(containsSecret(res.body, secret), why).toBe(false);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 180_000);
});
