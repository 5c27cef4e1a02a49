import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AUTHORIZATION_MATRIX,
  MATRIX_ROLES,
  routePath,
  type MatrixRole,
  type RouteRule,
} from "#app/authorization-matrix.ts";
import { getMeili, indexUid } from "#app/infra/meili.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { prepareDatabase } from "../factories/index.ts";
import {
  callRoute,
  listRouteFiles,
  requestAs,
  seedWorld,
  type World,
} from "./authorization-matrix-seed.ts";

type RouteModule = { loader?: Parameters<typeof callRoute>[0] };

let world: World;

beforeAll(async () => {
  prepareDatabase();
  world = await seedWorld();
  await ensureIndexes(getMeili()!);
  await drainOutbox();
}, 120_000);

/** Every page and API of the matrix, with every record of both organizations as its params. */
function urlsFor(file: string) {
  const rule = (AUTHORIZATION_MATRIX as Record<string, RouteRule>)[file]!;
  const sides = [world.a, world.b];
  const variants = rule.params
    ? sides.map((side) =>
        Object.fromEntries(
          Object.entries(rule.params!).map(([name, kind]) => [name, side.records[kind]]),
        ),
      )
    : [{}];
  const extra = file === "_index.tsx" ? [...world.b.secrets, ...world.a.secrets] : [];
  return [
    ...variants.map((params) => ({
      url: routePath(file, params) + (rule.query ?? ""),
      params,
      echo: "",
    })),
    // The catalog's search box, asked for the canaries themselves (it echoes the query).
    ...extra.map((q) => ({ url: `/?q=${encodeURIComponent(q)}`, params: {}, echo: q })),
  ];
}

async function crawlAs(role: MatrixRole) {
  const user = role === "anonymous" ? null : world.a.users[role];
  const seen: { url: string; body: string }[] = [];
  for (const file of listRouteFiles()) {
    if (!(file in AUTHORIZATION_MATRIX)) continue;
    const mod = (await import(path.resolve("app/routes", file))) as RouteModule;
    if (!mod.loader) continue;
    for (const { url, params, echo } of urlsFor(file)) {
      for (const suffix of ["", url.includes("?") ? "&suggest=1" : "?suggest=1"]) {
        const o = await callRoute(mod.loader, await requestAs(user, url + suffix), params);
        seen.push({ url: url + suffix, body: echo ? o.body.replaceAll(echo, "") : o.body });
      }
    }
  }
  return seen;
}

const found = (pages: { url: string; body: string }[], secrets: string[]) =>
  pages.flatMap((p) => secrets.filter((s) => p.body.includes(s)).map((s) => `${s} in ${p.url}`));

describe("canaries: organization B's participants never reach organization A's users", () => {
  it.each(MATRIX_ROLES)(
    "crawling every page and API as %s of A finds 0 canaries of B",
    async (role) => {
      const pages = await crawlAs(role);
      expect(pages.length).toBeGreaterThan(10);
      expect(found(pages, world.b.secrets)).toEqual([]);
    },
  );

  it.each(["anonymous", "pilot", "staff", "admin"] as const)(
    "%s never sees a participant's sensitive fields, not even in their own organization",
    async (role) => {
      const pages = await crawlAs(role);
      expect(found(pages, world.a.sensitive)).toEqual([]);
    },
  );

  it("the worker of A does see A's participant (the canaries are real)", async () => {
    const pages = await crawlAs("worker");
    expect(found(pages, world.a.sensitive).length).toBeGreaterThan(0);
  });

  it("search indexes hold no participant data at all", async () => {
    const client = getMeili()!;
    const { results } = await client.getIndexes({ limit: 1000 });
    const ours = results.filter((i) => i.uid.startsWith(indexUid("")));
    expect(ours.length).toBeGreaterThanOrEqual(2);
    for (const index of ours) {
      const docs = await client.index(index.uid).getDocuments({ limit: 10_000 });
      const dump = JSON.stringify(docs.results);
      for (const secret of [...world.a.secrets, ...world.b.secrets])
        expect(dump, `${secret} in ${index.uid}`).not.toContain(secret);
      for (const secret of [...world.a.secrets, ...world.b.secrets]) {
        const r = await client.index(index.uid).search(secret);
        expect(r.hits, `${secret} found by searching ${index.uid}`).toEqual([]);
      }
    }
  });
});
