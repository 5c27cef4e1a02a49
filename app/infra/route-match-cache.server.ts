import { createRequire } from "node:module";

/**
 * Route matching, remembered (docs/decisions/026-route-match-cache.md).
 *
 * `@remix-run/router`'s `matchRoutes` flattens, ranks and compiles every
 * route (about 100 here) on every call, and Remix calls it three to six
 * times per rendered request, twice on route arrays it builds anew for that
 * request: about a fifth of an uncached page's CPU (issue #15). What a match
 * depends on is the routes' shape (each route's `path`, `index`,
 * `caseSensitive` and children, in order), the pathname and the basename, so
 * the result is remembered per shape and pathname, and given back as fresh
 * objects whose `route`s are the caller's own route objects: a caller that
 * changes its params never changes another request's.
 */

type RouteLike = {
  path?: string | null;
  index?: unknown;
  caseSensitive?: unknown;
  children?: RouteLike[];
};
type Location = string | { pathname?: string };
type Match<R> = {
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
  route: R;
};
type MatchRoutes = <R extends RouteLike>(
  routes: R[],
  location: Location,
  basename?: string,
) => Match<R>[] | null;

/** What a remembered match keeps: where each matched route sits in the tree, not the route. */
type Remembered = {
  params: Record<string, string | undefined>;
  matches: { at: number[]; pathname: string; pathnameBase: string }[];
} | null;

export const ROUTE_SHAPES_KEPT = 8;
export const PATHNAMES_KEPT_PER_SHAPE = 1000;

/**
 * Everything about a route tree that `matchRoutes` reads, as one string
 * (lengths before paths, so no path can imitate another route's boundary).
 */
export function routeShape(routes: readonly RouteLike[]): string {
  let shape = "";
  for (const route of routes) {
    const path = route.path;
    shape += path == null ? "~" : `${path.length}:${path}`;
    shape += route.index === true ? "i" : route.index ? "j" : "";
    shape += route.caseSensitive === true ? "c" : "";
    shape += route.children && route.children.length > 0 ? `(${routeShape(route.children)})` : "";
    shape += ";";
  }
  return shape;
}

/** The pathname `matchRoutes` matches: a string location loses its query and hash. */
function pathnameOf(location: Location): string {
  if (typeof location !== "string") return location.pathname || "/";
  const end = location.search(/[?#]/);
  return (end === -1 ? location : location.slice(0, end)) || "/";
}

/** A bounded map that forgets the least recently used entry first. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number) {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as K);
}

function positions(routes: readonly RouteLike[]): Map<RouteLike, number[]> {
  const at = new Map<RouteLike, number[]>();
  const walk = (list: readonly RouteLike[], prefix: number[]) =>
    list.forEach((route, i) => {
      const here = [...prefix, i];
      at.set(route, here);
      if (route.children) walk(route.children, here);
    });
  walk(routes, []);
  return at;
}

function routeAt<R extends RouteLike>(routes: readonly R[], at: number[]): R {
  let list: readonly RouteLike[] = routes;
  let route: RouteLike | undefined;
  for (const i of at) {
    route = list[i];
    list = route?.children ?? [];
  }
  return route as R;
}

/** `matchRoutes` with a bounded memory of its answers; the same answers as `original`. */
export function createCachedMatchRoutes(original: MatchRoutes) {
  const shapes = new Map<string, Map<string, Remembered>>();
  // Route arrays are built once per server build or once per request, and never
  // changed on the server once built: the shape is computed once per array.
  const shapeOfArray = new WeakMap<readonly RouteLike[], string>();
  const cached = (<R extends RouteLike>(
    routes: R[],
    location: Location,
    basename: string = "/",
  ): Match<R>[] | null => {
    let shape = shapeOfArray.get(routes);
    if (shape === undefined) shapeOfArray.set(routes, (shape = routeShape(routes)));
    let answers = shapes.get(shape);
    if (!answers) remember(shapes, shape, (answers = new Map()), ROUTE_SHAPES_KEPT);
    const key = `${basename}\n${pathnameOf(location)}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      const matches = original(routes, location, basename);
      const at = matches && positions(routes);
      answer = matches && {
        params: { ...matches[0]?.params },
        matches: matches.map((m) => ({
          at: at!.get(m.route)!,
          pathname: m.pathname,
          pathnameBase: m.pathnameBase,
        })),
      };
      remember(answers, key, answer, PATHNAMES_KEPT_PER_SHAPE);
    } else {
      remember(answers, key, answer, PATHNAMES_KEPT_PER_SHAPE);
    }
    if (!answer) return null;
    // One params object shared by the matches, as the router gives them.
    const params = { ...answer.params };
    return answer.matches.map((m) => ({
      params,
      pathname: m.pathname,
      pathnameBase: m.pathnameBase,
      route: routeAt(routes, m.at),
    }));
  }) as MatchRoutes & { cacheSize: () => { shapes: number; pathnames: number } };
  cached.cacheSize = () => ({
    shapes: shapes.size,
    pathnames: [...shapes.values()].reduce((n, a) => n + a.size, 0),
  });
  return cached;
}

const CACHED = Symbol.for("luotsi.cachedMatchRoutes");

/**
 * Puts the cached `matchRoutes` in place of the router's export, which
 * Remix's server runtime, React Router and Remix's manifest code all call
 * through (`router.matchRoutes(...)`). The router's own static handler calls
 * its internal function and is not affected. Server only: the browser's
 * router changes its routes as it discovers them.
 */
export function installRouteMatchCache(): boolean {
  const require = createRequire(import.meta.url);
  const router = require("@remix-run/router") as { matchRoutes: MatchRoutes };
  const current = router.matchRoutes as MatchRoutes & { [CACHED]?: true };
  if (current[CACHED]) return true;
  const cached = Object.assign(createCachedMatchRoutes(current), { [CACHED]: true as const });
  try {
    router.matchRoutes = cached;
  } catch {
    return false;
  }
  return router.matchRoutes === cached;
}
