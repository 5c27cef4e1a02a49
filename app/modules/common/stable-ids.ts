import { v5 as uuidv5, validate as isUuid } from "uuid";

/**
 * Luotsi's own UUID namespace (RFC 9562 name-based, version 5). Changing it
 * would change every published id, so it is fixed for good.
 */
const LUOTSI_NAMESPACE = "4a0f8a5e-3c1e-4b8e-9a57-6f1d2c0b7e31";

/**
 * A UUID that is the same every time for the same thing: derived from what
 * names it (a kind and a record's ref, plus e.g. a weekly time), never from a
 * database row id, so it survives a re-import and is the same on every
 * installation that holds the same refs. Open data (HSDS ids) and calendars
 * (event UIDs) use it.
 */
export function stableId(kind: string, ...parts: (string | number)[]): string {
  // U+001F (unit separator) cannot occur in a ref, so ("a-b","c") and ("a","b-c") stay apart.
  return uuidv5([kind, ...parts.map(String)].join("\u001f"), LUOTSI_NAMESPACE);
}

export { isUuid };

/**
 * One weekly time of an activity or pilot, named by what it is (weekday and
 * start), not by its place in the list: reordering the times keeps every id,
 * and so every calendar event's UID and every HSDS schedule id.
 */
export function weeklyTimeId(ref: string, window: { weekday: number; start: string }): string {
  return stableId("weekly-time", ref, window.weekday, window.start);
}
