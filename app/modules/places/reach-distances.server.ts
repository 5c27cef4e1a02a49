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

/** The `reach` object of a search document whose place is `point`. */
export function reachDistances(point: Point | undefined): Record<string, number> {
  const reach: Record<string, number> = {};
  if (!point) return reach;
  for (const m of municipalitiesWithin(point, INDEXED_REACH_KM)) reach[`m${m.code}`] = m.km;
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
