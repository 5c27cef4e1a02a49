import path from "node:path";
import { createRequire } from "node:module";
import type * as RemixRouter from "@remix-run/router";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createCachedMatchRoutes,
  installRouteMatchCache,
  PATHNAMES_KEPT_PER_SHAPE,
  ROUTE_SHAPES_KEPT,
  routeShape,
} from "#app/infra/route-match-cache.server.ts";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof RemixRouter;
const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as {
  flatRoutes: (
    appDir: string,
  ) => Record<string, { id: string; parentId?: string; path?: string; index?: boolean }>;
};

type Route = {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: Route[];
};

/** The app's own routes as Remix nests them (root, then app/routes/*), built anew per call as Remix does per request. */
function appRoutes(): Route[] {
  const manifest = flatRoutes(path.resolve("app"));
  const build = (parentId: string): Route[] =>
    Object.values(manifest)
      .filter((r) => (r.parentId ?? "root") === parentId && r.id !== "root")
      .map((r) => {
        const children = build(r.id);
        return {
          id: r.id,
          path: r.path,
          index: r.index,
          ...(children.length > 0 ? { children } : {}),
        };
      });
  return [{ id: "root", path: "", children: build("root") }];
}

const original = router.matchRoutes as unknown as Parameters<typeof createCachedMatchRoutes>[0];
// The router's export may already be the cached one if the server build was loaded.
const uncached = (
  (original as unknown as Record<symbol, unknown>)[Symbol.for("luotsi.cachedMatchRoutes")]
    ? null
    : original
) as typeof original | null;

const PATHS = [
  "/",
  "/?q=kala",
  "/activities/a-0001",
  "/activities/a-0001/",
  "/activities/a%20b",
  "/activities/a-0001.ical",
  "/participants/p-0002/suggestions",
  "/participants/p-0002",
  "/participants/p-0002/assessment",
  "/participants/p-0002/path#top",
  "/api/hsds/services/x/y",
  "/api/hsds",
  "/staff/activities/new",
  "/staff/activities/a-1",
  "/sitemap.xml",
  "/robots.txt",
  "/no/such/page",
  "/PARTICIPANTS/p-1",
  "",
];

function normalized(matches: ReturnType<typeof router.matchRoutes>) {
  return matches?.map((m) => ({ ...m, route: (m.route as Route).id })) ?? null;
}

describe("route match cache", () => {
  const base = uncached ?? original;
  it("answers exactly as the router does, for the app's routes, on fresh route arrays", () => {
    const cached = createCachedMatchRoutes(base);
    for (const round of [0, 1]) {
      for (const p of PATHS) {
        const routes = appRoutes();
        const want = normalized(base(routes, p) as never);
        const got = cached(routes, p);
        expect(normalized(got as never), `${p} (round ${round})`).toEqual(want);
        // The matched routes are the caller's own objects, not those of an earlier call.
        if (got) expect(got.every((m) => routesContain(routes, m.route))).toBe(true);
      }
    }
    expect(cached.cacheSize().shapes).toBe(1);
  });

  it("gives dynamic segments and splats their own params, and fresh objects every time", () => {
    const cached = createCachedMatchRoutes(base);
    const routes = appRoutes();
    const a = cached(routes, "/participants/p-0002/suggestions")!;
    expect(a.at(-1)!.params).toEqual({ ref: "p-0002" });
    const b = cached(routes, "/participants/p-0003/suggestions")!;
    expect(b.at(-1)!.params).toEqual({ ref: "p-0003" });
    // A caller that changes its params changes no one else's.
    a[0]!.params.ref = "changed";
    const c = cached(routes, "/participants/p-0002/suggestions")!;
    expect(c.at(-1)!.params).toEqual({ ref: "p-0002" });
    expect(c.every((m) => m.params === c[0]!.params)).toBe(true);
    expect(cached(routes, "/api/hsds/services/x/y")!.at(-1)!.params).toEqual({
      "*": "services/x/y",
    });
    expect(cached(routes, "/api/hsds/services/x/y", "/api")).toBeNull();
    expect(normalized(cached(routes, "/api/hsds/x", "/api") as never)).toEqual(
      normalized(base(routes, "/api/hsds/x", "/api") as never),
    );
  });

  it("tells trees of different shapes apart", () => {
    const cached = createCachedMatchRoutes(base);
    const one: Route[] = [
      { id: "a", path: "a/:x" },
      { id: "b", path: "a/b" },
    ];
    const two: Route[] = [{ id: "a", path: "a/:x" }];
    const three: Route[] = [{ id: "a", path: "a/:x", caseSensitive: true }];
    expect(cached(one, "/a/b")![0]!.route.id).toBe("b");
    expect(cached(two, "/a/b")![0]!.params).toEqual({ x: "b" });
    expect(cached(three, "/A/b")).toBeNull();
    expect(cached(two, "/A/b")![0]!.params).toEqual({ x: "b" });
    expect(routeShape([{ path: "a;" }])).not.toBe(routeShape([{ path: "a" }, { path: "" }]));
    expect(routeShape([{ path: undefined }])).not.toBe(routeShape([{ path: "" }]));
    expect(routeShape([{ index: true }])).not.toBe(routeShape([{}]));
  });

  it("keeps a bounded number of shapes and pathnames", () => {
    const cached = createCachedMatchRoutes(base);
    const routes: Route[] = [{ id: "x", path: "x/:id" }];
    for (let i = 0; i < PATHNAMES_KEPT_PER_SHAPE + 50; i++) cached(routes, `/x/${i}`);
    expect(cached.cacheSize()).toEqual({ shapes: 1, pathnames: PATHNAMES_KEPT_PER_SHAPE });
    for (let i = 0; i < ROUTE_SHAPES_KEPT + 3; i++) cached([{ id: "y", path: `y${i}` }], "/y0");
    expect(cached.cacheSize().shapes).toBe(ROUTE_SHAPES_KEPT);
    // The oldest pathnames went first; the answers stay right.
    expect(cached(routes, "/x/3")![0]!.params).toEqual({ id: "3" });
  });

  it("agrees with the router on random paths and trees", () => {
    const segment = fc.constantFrom("a", "b", ":id", ":x?", "*", "c.d", "", "e?");
    const tree: fc.Arbitrary<Route[]> = fc.letrec((tie) => ({
      routes: fc.array(tie("route") as fc.Arbitrary<Route>, { maxLength: 3 }),
      route: fc.record({
        id: fc.string({ maxLength: 4 }),
        path: fc.option(
          fc.array(segment, { maxLength: 2 }).map((s) => s.join("/")),
          {
            nil: undefined,
          },
        ),
        caseSensitive: fc.boolean(),
        children: fc.oneof(
          { depthSize: "small" },
          fc.constant(undefined),
          tie("routes") as fc.Arbitrary<Route[]>,
        ),
      }),
    })).routes as fc.Arbitrary<Route[]>;
    const pathArb = fc
      .array(fc.constantFrom("a", "b", "A", "c.d", "x", "e"), { maxLength: 4 })
      .map((s) => `/${s.join("/")}`);
    const cached = createCachedMatchRoutes(base);
    fc.assert(
      fc.property(tree, fc.array(pathArb, { minLength: 1, maxLength: 4 }), (routes, paths) => {
        for (const p of [...paths, ...paths]) {
          let want: unknown;
          try {
            want = normalized(base(routes, p) as never);
          } catch {
            return; // a tree the router refuses (e.g. splat rules) is not cached either
          }
          expect(normalized(cached(routes, p) as never)).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is what Remix calls once installed on the server", () => {
    expect(installRouteMatchCache()).toBe(true);
    expect(installRouteMatchCache()).toBe(true);
    const routes = appRoutes();
    expect(normalized(router.matchRoutes(routes as never, "/participants/p-1") as never)).toEqual(
      normalized(base(routes, "/participants/p-1") as never),
    );
  });
});

function routesContain(routes: Route[], target: Route): boolean {
  return routes.some((r) => r === target || routesContain(r.children ?? [], target));
}
