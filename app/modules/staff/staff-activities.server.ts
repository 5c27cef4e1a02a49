import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { activities, referrals } from "#db/schema.ts";
import type { ActivityStatus } from "../catalog/activity-schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { type ActingUser, actorOf, recordAudit } from "../audit/audit.server.ts";
import type { ActivityFields } from "../catalog/activity-schema.ts";
import {
  activityFieldsOf,
  listOrganizationActivities,
  saveActivity,
  type ActivityRow,
} from "../catalog/catalog.server.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import { notifyNewFits } from "../needs/needs.server.ts";

/** Listings nobody has confirmed for this long are flagged to staff. */
export const STALE_AFTER_DAYS = 90;
const DAY_MS = 24 * 3600_000;

export type StaffUser = ActingUser & { organizationId: number };

export function isStale(a: Pick<ActivityRow, "lastCheckedAt" | "status">, now = new Date()) {
  if (a.status === "closed") return false;
  const checked = a.lastCheckedAt?.getTime() ?? 0;
  return now.getTime() - checked > STALE_AFTER_DAYS * DAY_MS;
}

/** The organization's activities with what the dashboard flags: stale listings and open requests. */
export function listStaffActivities(organizationId: number, db: Db = getDb(), now = new Date()) {
  const open = new Map(
    db
      .select({ activityId: referrals.activityId, n: sql<number>`count(*)` })
      .from(referrals)
      .innerJoin(activities, eq(activities.id, referrals.activityId))
      .where(and(eq(activities.organizationId, organizationId), eq(referrals.status, "sent")))
      .groupBy(referrals.activityId)
      .all()
      .map((r) => [r.activityId, r.n]),
  );
  return listOrganizationActivities(organizationId, db).map((a) => ({
    ...a,
    stale: isStale(a, now),
    openReferrals: open.get(a.id) ?? 0,
  }));
}

/** Another organization's activity answers exactly like one that does not exist. */
export function getStaffActivity(user: StaffUser, ref: string, db: Db = getDb()) {
  const a = db.select().from(activities).where(eq(activities.ref, ref)).get();
  return a && a.organizationId === user.organizationId ? a : undefined;
}

function slug(title: string) {
  return (
    title
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "toiminta"
  );
}

export function newActivityRef(title: string) {
  return `act-${slug(title)}-${crypto.randomBytes(3).toString("hex")}`;
}

/**
 * After an activity opens (its own transaction, once the listing is saved):
 * workers hear of participants it newly fits (needs.server.ts). A failure
 * here must not undo or fail the listing; it is logged without any data.
 */
function tellWorkersOfNewFits(ref: string, db: Db) {
  try {
    notifyNewFits(ref, db);
  } catch (e) {
    console.error(`new-fit notifications for ${ref} failed: ${(e as Error).name}`);
  }
}

export type StaffSaveResult =
  | { ok: true; ref: string }
  | { ok: false; fieldErrors: Record<string, string> }
  | { ok: false; notFound: true };

/** Server-only checks the shared schema cannot do (the municipality list lives on the server). */
function checkServerSide(fields: ActivityFields) {
  return findMunicipality(fields.municipality)
    ? undefined
    : { municipality: "staff.error.municipality" };
}

export function createStaffActivity(
  user: StaffUser,
  fields: ActivityFields,
  db: Db = getDb(),
): StaffSaveResult {
  const bad = checkServerSide(fields);
  if (bad) return { ok: false, fieldErrors: bad };
  const ref = newActivityRef(fields.title);
  writeTransaction(
    (tx) => saveActivity(tx, actorOf(user), { ref, organizationId: user.organizationId, fields }),
    db,
  );
  if (fields.status === "open") tellWorkersOfNewFits(ref, db);
  return { ok: true, ref };
}

/** Saving the form counts as checking the listing: someone just looked at every field. */
export function updateStaffActivity(
  user: StaffUser,
  ref: string,
  fields: ActivityFields,
  db: Db = getDb(),
  options: { enrolledAsLoaded?: number | null } = {},
): StaffSaveResult {
  const bad = checkServerSide(fields);
  if (bad) return { ok: false, fieldErrors: bad };
  let opened = false;
  const result = writeTransaction((tx): StaffSaveResult => {
    const before = getStaffActivity(user, ref, tx);
    if (!before) return { ok: false, notFound: true };
    opened = before.status !== "open" && fields.status === "open";
    // Staff left the count as the page showed it: keep what accepts have made it since.
    const enrolled =
      options.enrolledAsLoaded != null && fields.enrolled === options.enrolledAsLoaded
        ? before.enrolled
        : fields.enrolled;
    saveActivity(tx, actorOf(user), {
      ref,
      organizationId: user.organizationId,
      fields: { ...fields, enrolled },
    });
    tx.update(activities)
      .set({ lastCheckedAt: new Date() })
      .where(eq(activities.id, before.id))
      .run();
    return { ok: true, ref };
  }, db);
  if (opened) tellWorkersOfNewFits(ref, db);
  return result;
}

export function setStaffActivityStatus(
  user: StaffUser,
  ref: string,
  status: ActivityStatus,
  db: Db = getDb(),
): StaffSaveResult {
  let opened = false;
  const result = writeTransaction((tx): StaffSaveResult => {
    const before = getStaffActivity(user, ref, tx);
    if (!before) return { ok: false, notFound: true };
    opened = before.status !== "open" && status === "open";
    saveActivity(tx, actorOf(user), {
      ref,
      organizationId: user.organizationId,
      fields: { ...activityFieldsOf(before), status },
    });
    return { ok: true, ref };
  }, db);
  if (opened) tellWorkersOfNewFits(ref, db);
  return result;
}

/** A copy starts paused and unfilled, so it is not published before someone edits it. */
export function duplicateStaffActivity(
  user: StaffUser,
  ref: string,
  copySuffix: string,
  db: Db = getDb(),
): StaffSaveResult {
  return writeTransaction((tx): StaffSaveResult => {
    const source = getStaffActivity(user, ref, tx);
    if (!source) return { ok: false, notFound: true };
    const title = `${source.title} ${copySuffix}`.slice(0, 120);
    const copyRef = newActivityRef(source.title);
    saveActivity(tx, actorOf(user), {
      ref: copyRef,
      organizationId: user.organizationId,
      fields: { ...activityFieldsOf(source), title, enrolled: 0, status: "paused" },
    });
    return { ok: true, ref: copyRef };
  }, db);
}

export function markStaffActivityChecked(
  user: StaffUser,
  ref: string,
  db: Db = getDb(),
  now = new Date(),
): StaffSaveResult {
  return writeTransaction((tx): StaffSaveResult => {
    const before = getStaffActivity(user, ref, tx);
    if (!before) return { ok: false, notFound: true };
    tx.update(activities).set({ lastCheckedAt: now }).where(eq(activities.id, before.id)).run();
    enqueueIndexChange(tx, "activity", before.id);
    recordAudit(tx, actorOf(user), {
      action: "activity.checked",
      entityType: "activity",
      entityId: ref,
      organizationId: user.organizationId,
      changes: {
        lastCheckedAt: {
          before: before.lastCheckedAt?.toISOString() ?? null,
          after: now.toISOString(),
        },
      },
    });
    return { ok: true, ref };
  }, db);
}
