/**
 * An activity's own state, as pure rules: the search document's `full`, the
 * catalog's badges and the matching rulebook (matching/match-rules.ts) all
 * ask here. `enrolled` ≥ `capacity` means full; no capacity means no limit.
 */
export function isFull(a: { capacity: number | null; enrolled: number }) {
  return a.capacity != null && a.enrolled >= a.capacity;
}

/** Free places, or null when the activity has no limit. */
export function placesLeft(a: { capacity: number | null; enrolled: number }) {
  return a.capacity == null ? null : Math.max(0, a.capacity - a.enrolled);
}
