import { eq } from "drizzle-orm";
import { settings } from "#db/schema.ts";
import { getDb, preparedOnce, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";

/**
 * The coordinator's switches for the whole installation, one row each in
 * `settings`. Today one: "only trained pilots are suggested" (issue #17), a
 * hard rule of the matcher (match-rules.ts, pilotAvailability) that is on
 * unless the coordinator turns it off.
 */
export const ONLY_TRAINED_PILOTS = "matching.onlyTrainedPilots";

export function onlyTrainedPilots(db: Db = getDb()): boolean {
  // Asked twice by every suggestion: prepared once.
  const setting = preparedOnce(db, "onlyTrainedPilots", () =>
    db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, ONLY_TRAINED_PILOTS))
      .prepare(),
  );
  const row = setting.get();
  return row ? row.value !== false : true;
}

/** Admins only; audited. Retrieval filters on the pilots' `trained` at query time. */
export function setOnlyTrainedPilots(admin: ActingUser, on: boolean, db: Db = getDb()) {
  if (admin.role !== "admin") return { ok: false as const };
  writeTransaction((tx) => {
    tx.insert(settings)
      .values({ key: ONLY_TRAINED_PILOTS, value: on, updatedBy: admin.id })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: on, updatedBy: admin.id, updatedAt: new Date() },
      })
      .run();
    recordAudit(tx, actorOf(admin), {
      action: "settings.update",
      entityType: "settings",
      entityId: ONLY_TRAINED_PILOTS,
      changes: ["value"],
      // The switch's position is no one's data: the log says which way it went.
      context: on ? "on" : "off",
    });
  }, db);
  return { ok: true as const };
}
