import type { Point } from "./geo.ts";
import { findMunicipality, municipalitiesWithin } from "./municipalities.server.ts";

/**
 * Reach in the search index without a geo search (issue #15). A
 * participant's reach is measured from their municipality's centre
 * (match-rules.ts), so each activity and pilot document carries the
 * distance from every municipality centre within INDEXED_REACH_KM of its
 * point, measured as the rulebook measures it. "Within r km of Parikkala's
 * centre" is then one range filter on a number, `reach.m580 <= r`: at
 * 100,000 activities Meilisearch answers it several times faster than the
 * same `_geoRadius`. Wider reach falls back to `_geoRadius`.
 */
export const INDEXED_REACH_KM = 50;

/** The document field holding the distance from a municipality's centre (by its code). */
export const reachField = (code: string) => `reach.m${code}`;

/**
 * Documents without a point of their own sit at their municipality's centre,
 * so the same few hundred points come back again and again while indexing:
 * their distances are kept (bounded, for points of their own too).
 */
const reachByPoint = new Map<string, Readonly<Record<string, number>>>();
const REACH_CACHE_MAX = 4096;

/** The `reach` object of a search document whose place is `point` (shared: do not change it). */
export function reachDistances(point: Point | undefined): Readonly<Record<string, number>> {
  if (!point) return {};
  const key = `${point.lat},${point.lon}`;
  let reach = reachByPoint.get(key);
  if (!reach) {
    const distances: Record<string, number> = {};
    for (const m of municipalitiesWithin(point, INDEXED_REACH_KM)) distances[`m${m.code}`] = m.km;
    if (reachByPoint.size >= REACH_CACHE_MAX) reachByPoint.clear();
    reachByPoint.set(key, (reach = Object.freeze(distances)));
  }
  return reach;
}

/**
 * The filter for "within `radiusKm` of this municipality's centre", or
 * undefined when the index holds no distances that far (or no such place).
 */
export function indexedReachFilter(municipality: string, radiusKm: number) {
  const m = findMunicipality(municipality);
  if (!m || radiusKm > INDEXED_REACH_KM) return undefined;
  return `${reachField(m.code)} <= ${radiusKm}`;
}
