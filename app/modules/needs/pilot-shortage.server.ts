import { and, eq, isNull } from "drizzle-orm";
import { participants, pilots } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import type { Lang } from "#app/infra/i18n/i18n.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import { findMunicipality, municipalityLabel } from "../places/municipalities.server.ts";
import { menteePlacesLeft } from "../pilots/pilot-rules.ts";
import { onlyTrainedPilots } from "../settings/settings.server.ts";
import { ALL, hiddenNeedCells, needCellKey } from "./unmet-interests.ts";

/**
 * Where pilots are lacking (issue #17), for the coordinator: by
 * municipality, participants who want a pilot against the free places of
 * pilots who may be suggested (accepting, a free place, and trained while
 * the coordinator's switch is on), and pilots on their way (interested or
 * in training). Participants are counted as people and hidden as the
 * unmet-interests view hides them (unmet-interests.ts); pilots' places
 * are capacity, not people in need, and are shown as they are.
 */

export type ShortageRow = {
  municipality: string;
  label: string;
  /** Participants who want a pilot; null when hidden. */
  wanting: number | null;
  freePlaces: number;
  onTheirWay: number;
  /** Wanting minus free places when both are known and wanting is the larger. */
  shortage: number | null;
};

export function pilotShortageFor(
  viewer: ActingUser,
  lang: Lang,
  db: Db = getDb(),
): { rows: ShortageRow[]; onlyTrained: boolean } | undefined {
  if (viewer.role !== "admin") return undefined;
  const onlyTrained = onlyTrainedPilots(db);
  const cells = new Map<string, Set<number>>();
  const wanting = db
    .select({ id: participants.id, municipality: participants.municipality })
    .from(participants)
    .where(and(eq(participants.wantsPilot, true), isNull(participants.erasedAt)))
    .all();
  for (const p of wanting) {
    const m = findMunicipality(p.municipality)?.fi ?? p.municipality;
    for (const key of [needCellKey(m, ALL, "wanting"), needCellKey(ALL, ALL, "wanting")]) {
      if (!cells.has(key)) cells.set(key, new Set());
      cells.get(key)!.add(p.id);
    }
  }
  const hidden = hiddenNeedCells(cells, (row) => (row === ALL ? undefined : ALL));
  const free = new Map<string, number>();
  const coming = new Map<string, number>();
  for (const p of db.select().from(pilots).all()) {
    const m = findMunicipality(p.municipality)?.fi ?? p.municipality;
    if (p.trainingStatus !== "trained") coming.set(m, (coming.get(m) ?? 0) + 1);
    if (onlyTrained && p.trainingStatus !== "trained") continue;
    if (!p.acceptingMentees) continue;
    free.set(m, (free.get(m) ?? 0) + menteePlacesLeft(p));
  }
  const names = new Set([...free.keys(), ...coming.keys()]);
  for (const k of cells.keys()) names.add(k.split("|")[0]!);
  names.delete(ALL);
  const rowOf = (m: string, label: string): ShortageRow => {
    const key = needCellKey(m, ALL, "wanting");
    const want = hidden.has(key) ? null : (cells.get(key)?.size ?? 0);
    const sum = (map: Map<string, number>) =>
      m === ALL ? [...map.values()].reduce((s, n) => s + n, 0) : (map.get(m) ?? 0);
    const places = sum(free);
    return {
      municipality: m,
      label,
      wanting: want,
      freePlaces: places,
      onTheirWay: sum(coming),
      shortage: want == null ? null : Math.max(0, want - places),
    };
  };
  // In the page's language's order (Nyslott under N in Swedish).
  const rows = [...names]
    .map((m) => rowOf(m, municipalityLabel(m, lang)))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  rows.push(rowOf(ALL, "*"));
  recordAudit(db, actorOf(viewer), {
    action: "needs.read",
    entityType: "pilot-shortage",
    context: "page",
  });
  return { rows, onlyTrained };
}
