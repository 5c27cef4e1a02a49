import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AUTHORIZATION_MATRIX,
  MATRIX_ROLES,
  routePath,
  type MatrixRole,
  type RouteRule,
} from "#app/authorization-matrix.ts";
import { createUserSession } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili, indexUid } from "#app/infra/meili.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { prepareDatabase } from "../factories/index.ts";
import {
  containsSecret,
  listRouteFiles,
  seedWorld,
  type World,
} from "./authorization-matrix-seed.ts";
import { rawRequest } from "./http-client.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

/**
 * Canaries in every field of each organization's participant (made through
 * the app's own flows, so the audit log, the mailbox and the notifications
 * hold whatever those flows write), then a crawl of every page and API
 * through the real server as each role of organization A: the audit log
 * (every page), the development mailbox and the reports included.
 */
let world: World;
let build: ServerBuild;
let app: RunningApp;

beforeAll(async () => {
  prepareDatabase();
  world = await seedWorld();
  await ensureIndexes(getMeili()!);
  await drainOutbox();
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

/** Every page and API of the matrix, with every record of both organizations as its params. */
function urlsFor(file: string) {
  const rule = (AUTHORIZATION_MATRIX as Record<string, RouteRule>)[file]!;
  const variants = rule.params
    ? [world.a, world.b].map((side) =>
        Object.fromEntries(
          Object.entries(rule.params!).map(([name, kind]) => [name, side.records[kind]]),
        ),
      )
    : [{}];
  const urls = variants.map((params) => ({
    url: routePath(file, params) + (rule.query ?? ""),
    echo: "",
  }));
  if (file === "_index.tsx") {
    // The catalog's search box, asked for the canaries themselves (it echoes the query).
    for (const q of [...world.b.secrets, ...world.a.secrets])
      urls.push({ url: `/?q=${encodeURIComponent(q)}`, echo: q });
  }
  if (file === "admin.audit.tsx") {
    // Every page of the log, and every action's filter.
    const rows = getDb().$client.prepare("select count(*) from audit_log").pluck().get() as number;
    for (let page = 2; page <= Math.ceil(rows / 50) + 1; page++)
      urls.push({ url: `/admin/audit?page=${page}`, echo: "" });
    const actions = getDb()
      .$client.prepare("select distinct action from audit_log")
      .pluck()
      .all() as string[];
    for (const action of actions)
      urls.push({ url: `/admin/audit?action=${encodeURIComponent(action)}`, echo: "" });
  }
  // Workers may ask for any period; admins for a calendar year or quarter (ADR 011).
  const year = new Date().getUTCFullYear();
  if (file === "reports.download.tsx")
    for (const q of ["from=2000-01-01&to=2099-12-31", `period=${year}`])
      urls.push({ url: `/reports/download?format=csv&${q}`, echo: "" });
  if (file === "reports._index.tsx")
    for (const q of ["from=2000-01-01&to=2099-12-31", `period=${year}`])
      urls.push({ url: `/reports?${q}`, echo: "" });
  return urls;
}

async function crawlAs(role: MatrixRole) {
  const user = role === "anonymous" ? null : world.a.users[role];
  const cookie = user
    ? (await createUserSession(new Request(app.url), user.id)).split(";")[0]!
    : null;
  const targets = listRouteFiles()
    .filter((file) => file in AUTHORIZATION_MATRIX)
    .flatMap(urlsFor);
  const pages: { url: string; body: string }[] = [];
  for (let i = 0; i < targets.length; i += 8) {
    await Promise.all(
      targets.slice(i, i + 8).map(async ({ url, echo }) => {
        const res = await rawRequest(app.url, {
          path: url,
          headers: cookie ? { Cookie: cookie } : {},
        });
        expect(res.status, `${url} as ${role}`).toBeLessThan(500);
        pages.push({ url, body: echo ? res.body.replaceAll(echo, "") : res.body });
      }),
    );
  }
  return pages;
}

const found = (pages: { url: string; body: string }[], secrets: string[]) =>
  pages.flatMap((p) =>
    secrets.filter((s) => containsSecret(p.body, s)).map((s) => `${s} in ${p.url}`),
  );

const crawls = new Map<MatrixRole, Promise<{ url: string; body: string }[]>>();
const crawl = (role: MatrixRole) => {
  if (!crawls.has(role)) crawls.set(role, crawlAs(role));
  return crawls.get(role)!;
};

describe("canaries: organization B's participants never reach organization A's users", () => {
  it.each(MATRIX_ROLES)(
    "crawling every page and API as %s of A finds 0 canaries of B",
    async (role) => {
      const pages = await crawl(role);
      expect(pages.length).toBeGreaterThan(10);
      expect(found(pages, world.b.secrets)).toEqual([]);
    },
    120_000,
  );

  it("the coordinator sees no participant's data at all: audit log, mailbox, reports and users included", async () => {
    const pages = await crawl("admin");
    for (const must of ["/admin/audit", "/dev/mailbox", "/reports", "/admin/users"])
      expect(
        pages.some((p) => p.url.startsWith(must)),
        must,
      ).toBe(true);
    expect(found(pages, [...world.a.secrets, ...world.b.secrets])).toEqual([]);
  }, 120_000);

  it.each(["anonymous", "pilot", "staff"] as const)(
    "%s never sees a participant's sensitive fields or addresses, not even in their own organization",
    async (role) => {
      const pages = await crawl(role);
      expect(found(pages, world.a.sensitive)).toEqual([]);
    },
    120_000,
  );

  it("the worker of A does see A's participant (the canaries are real)", async () => {
    const pages = await crawl("worker");
    expect(found(pages, world.a.sensitive).length).toBeGreaterThan(0);
    // Nickname, birth year, interests, free text, notes: the worker's own participant page shows them all.
    const participantPage = pages.filter((p) =>
      p.url.startsWith(`/participants/${world.a.records.participant}`),
    );
    const shown = world.a.secrets.filter((s) =>
      participantPage.some((p) => containsSecret(p.body, s)),
    );
    expect(shown.length).toBeGreaterThanOrEqual(8);
  }, 120_000);

  it("search indexes hold no participant data at all", async () => {
    const client = getMeili()!;
    const { results } = await client.getIndexes({ limit: 1000 });
    const ours = results.filter((i) => i.uid.startsWith(indexUid("")));
    expect(ours.length).toBeGreaterThanOrEqual(2);
    for (const index of ours) {
      const docs = await client.index(index.uid).getDocuments({ limit: 10_000 });
      const dump = JSON.stringify(docs.results);
      for (const secret of [...world.a.secrets, ...world.b.secrets])
        expect(containsSecret(dump, secret), `${secret} in ${index.uid}`).toBe(false);
      for (const secret of [...world.a.secrets, ...world.b.secrets].filter(
        (s) => !/^\d+$/.test(s),
      )) {
        const r = await client.index(index.uid).search(secret);
        expect(r.hits, `${secret} found by searching ${index.uid}`).toEqual([]);
      }
    }
  });
});
