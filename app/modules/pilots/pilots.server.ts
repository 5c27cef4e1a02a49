import { eq } from "drizzle-orm";
import { pilots } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { diffChanges, recordAudit, type Actor } from "../audit/audit.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import type { PilotFields } from "./pilot-schema.ts";

export function pilotValues(fields: PilotFields, matcher: InterestMatcher) {
  const municipality = findMunicipality(fields.municipality);
  if (!municipality) throw new Error(`unknown municipality ${fields.municipality}`);
  const interests = fields.interests ?? [];
  return {
    displayName: fields.displayName,
    municipality: municipality.fi,
    languages: fields.languages,
    interests,
    interestKeys: matcher.normalize([...interests, fields.bio ?? ""]).keys,
    bio: fields.bio ?? null,
    capacity: fields.capacity,
    activeMentees: fields.activeMentees ?? 0,
    acceptingMentees: fields.acceptingMentees,
    schedule: (fields.schedule ?? [])
      .slice()
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    trainingCourse: fields.trainingCourse ?? null,
    trainingDate: fields.trainingDate ?? null,
  };
}

export function getPilotByRef(ref: string, db: Db = getDb()) {
  return db.select().from(pilots).where(eq(pilots.ref, ref)).get();
}

/** Creates or replaces a pilot profile, with its audit and outbox rows in the same transaction. */
export function savePilot(
  db: Db,
  actor: Actor,
  input: { ref: string; organizationId: number; fields: PilotFields },
  matcher: InterestMatcher = getInterestMatcher(db),
) {
  const values = { ...pilotValues(input.fields, matcher), organizationId: input.organizationId };
  const before = getPilotByRef(input.ref, db);
  if (!before) {
    const row = db
      .insert(pilots)
      .values({ ...values, ref: input.ref })
      .returning({ id: pilots.id })
      .get();
    enqueueIndexChange(db, "pilot", row.id);
    recordAudit(db, actor, {
      action: "pilot.create",
      entityType: "pilot",
      entityId: input.ref,
      organizationId: input.organizationId,
      changes: diffChanges(undefined, values),
    });
    return { id: row.id, created: true, changed: true };
  }
  const changes = diffChanges(before as unknown as Record<string, unknown>, values);
  const keysChanged = JSON.stringify(before.interestKeys) !== JSON.stringify(values.interestKeys);
  if (Object.keys(changes).length === 0 && !keysChanged)
    return { id: before.id, created: false, changed: false };
  db.update(pilots)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(pilots.id, before.id))
    .run();
  enqueueIndexChange(db, "pilot", before.id);
  if (Object.keys(changes).length > 0) {
    recordAudit(db, actor, {
      action: "pilot.update",
      entityType: "pilot",
      entityId: input.ref,
      organizationId: input.organizationId,
      changes,
    });
  }
  return { id: before.id, created: false, changed: Object.keys(changes).length > 0 };
}
