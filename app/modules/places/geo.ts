/** Pure geometry of places: no data, no I/O (the rulebook and the search filters share it). */

export type Point = { lat: number; lon: number };

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance (haversine), the same formula as Meilisearch's `_geoRadius`. */
const toRad = (d: number) => (d * Math.PI) / 180;

export function distanceKm(a: Point, b: Point) {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}
