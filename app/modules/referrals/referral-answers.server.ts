import { and, eq, sql } from "drizzle-orm";
import { activities, participants, pilots, referrals, users } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import { todayInFinland } from "../common/common-schema.ts";
import { activityFactsOf, pilotFactsOf } from "../matching/match-facts.server.ts";
import { onlyTrainedPilots } from "../settings/settings.server.ts";
import { activityAvailability, checkOf, pilotAvailability } from "../matching/match-rules.ts";
import type { Mail } from "../mail/mail.server.ts";
import { notifyUser } from "../notifications/notifications.server.ts";
import { recordStepFromReferralAccepted } from "../paths/paths.server.ts";
import { markExpired } from "./referral-expiry.server.ts";
import type { ReferralStatus } from "./referral-schema.ts";
import {
  composeMail,
  deliver,
  participantLink,
  Rollback,
  runWrite,
  targetName,
  type ActivityTarget,
  type Fail,
  type PilotTarget,
} from "./referrals.server.ts";

/** Answering: the receiver accepts or declines. */

function canRespond(
  actor: ActingUser,
  target: { activity?: ActivityTarget | null; pilot?: PilotTarget | null },
) {
  if (target.activity) {
    return actor.role === "staff" && target.activity.organizationId === actor.organizationId;
  }
  if (target.pilot) {
    if (actor.role === "pilot") return target.pilot.userId === actor.id;
    return (
      actor.role === "staff" &&
      target.pilot.organizationId === actor.organizationId &&
      target.pilot.userId == null
    );
  }
  return false;
}

type RespondOk = { ok: true; referralId: number; status: ReferralStatus };

/** The referral an accept or decline answers: the receiver's own, still open and not lapsed. */
function loadAnswerable(tx: Db, actor: ActingUser, referralId: number, now: Date) {
  const found = loadForResponse(tx, referralId);
  if (!found || !canRespond(actor, found)) return { ok: false, error: "not-found" } as const;
  if (found.referral.status !== "sent") return { ok: false, error: "not-open" } as const;
  if (found.referral.expiresAt.getTime() <= now.getTime()) {
    markExpired(tx, found.referral, now);
    return { ok: false, error: "expired" } as const;
  }
  return { ok: true, ...found } as const;
}

function loadForResponse(tx: Db, referralId: number) {
  const referral = tx.select().from(referrals).where(eq(referrals.id, referralId)).get();
  if (!referral) return undefined;
  const activity = referral.activityId
    ? tx.select().from(activities).where(eq(activities.id, referral.activityId)).get()
    : null;
  const pilot = referral.pilotId
    ? tx.select().from(pilots).where(eq(pilots.id, referral.pilotId)).get()
    : null;
  return { referral, activity, pilot };
}

function senderEmail(tx: Db, senderUserId: string | null) {
  if (!senderUserId) return undefined;
  return tx
    .select({ email: users.email, active: users.active })
    .from(users)
    .where(eq(users.id, senderUserId))
    .get();
}

/**
 * Accepting takes one place. The place is taken with a conditional UPDATE
 * inside the same BEGIN IMMEDIATE transaction as the status change, so two
 * accepts racing for the last place cannot both win: the second sees the
 * first one's count and gets "full".
 */
export async function acceptReferral(
  actor: ActingUser,
  referralId: number,
  message?: string | null,
  options: { now?: Date; db?: Db } = {},
): Promise<RespondOk | Fail> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const mails: Mail[] = [];
  const result = runWrite((tx): RespondOk | Fail => {
    const found = loadAnswerable(tx, actor, referralId, now);
    if (!found.ok) return found;
    const { referral, activity, pilot } = found;
    const changes: Record<string, { before: unknown; after: unknown }> = {
      status: { before: "sent", after: "accepted" },
    };
    // Accepting takes one place: the rulebook's capacity rule on the current row,
    // then the same rule as a conditional UPDATE against a racing accept.
    const capacity = activity
      ? checkOf(activityAvailability(activityFactsOf(activity)), "places")!
      : checkOf(pilotAvailability(pilotFactsOf(pilot!, onlyTrainedPilots(tx))), "mentees")!;
    if (!capacity.ok) return { ok: false, error: "full" };
    if (activity) {
      const taken = tx
        .update(activities)
        .set({ enrolled: sql`${activities.enrolled} + 1`, updatedAt: now })
        .where(
          and(
            eq(activities.id, activity.id),
            sql`(${activities.capacity} is null or ${activities.enrolled} < ${activities.capacity})`,
          ),
        )
        .run().changes;
      if (taken === 0) return { ok: false, error: "full" };
      const after = tx.select().from(activities).where(eq(activities.id, activity.id)).get()!;
      changes.enrolled = { before: after.enrolled - 1, after: after.enrolled };
      enqueueIndexChange(tx, "activity", activity.id);
    } else if (pilot) {
      const taken = tx
        .update(pilots)
        .set({ activeMentees: sql`${pilots.activeMentees} + 1`, updatedAt: now })
        .where(and(eq(pilots.id, pilot.id), sql`${pilots.activeMentees} < ${pilots.capacity}`))
        .run().changes;
      if (taken === 0) return { ok: false, error: "full" };
      const after = tx.select().from(pilots).where(eq(pilots.id, pilot.id)).get()!;
      changes.activeMentees = { before: after.activeMentees - 1, after: after.activeMentees };
      enqueueIndexChange(tx, "pilot", pilot.id);
    }
    const updated = tx
      .update(referrals)
      .set({
        status: "accepted",
        responseMessage: message?.trim() || null,
        respondedBy: actor.id,
        respondedAt: now,
      })
      .where(and(eq(referrals.id, referral.id), eq(referrals.status, "sent")))
      .run().changes;
    // Cannot happen under BEGIN IMMEDIATE; if it did, undo the place taken above.
    if (updated === 0) throw new Rollback({ ok: false, error: "not-open" });
    recordAudit(tx, actorOf(actor), {
      action: "referral.accept",
      entityType: "referral",
      entityId: referral.id,
      participantId: referral.participantId,
      organizationId: activity?.organizationId ?? pilot?.organizationId ?? null,
      changes,
    });
    // An accepted referral means the person has been reached; "started" waits for the first attendance.
    const person = tx
      .select({
        id: participants.id,
        organizationId: participants.organizationId,
        ref: participants.ref,
      })
      .from(participants)
      .where(eq(participants.id, referral.participantId))
      .get();
    if (person)
      recordStepFromReferralAccepted(tx, actorOf(actor), {
        participant: person,
        date: todayInFinland(now),
      });
    tellSender(tx, referral, "accepted", targetName({ activity, pilot }), mails);
    return { ok: true, referralId: referral.id, status: "accepted" };
  }, db);
  if (result.ok) await deliver(mails, db);
  return result;
}

function tellSender(
  tx: Db,
  referral: typeof referrals.$inferSelect,
  outcome: "accepted" | "declined",
  target: string,
  mails: Mail[],
) {
  if (!referral.senderUserId) return;
  notifyUser(
    tx,
    referral.senderUserId,
    { key: `referrals.notify.${outcome}`, params: { target } },
    participantLink(tx, referral.participantId),
    referral.participantId,
  );
  const sender = senderEmail(tx, referral.senderUserId);
  if (sender?.active) mails.push(composeMail(sender.email, outcome, { target }));
}

/** Declining frees nothing and takes nothing; the sender is told politely. */
export async function declineReferral(
  actor: ActingUser,
  referralId: number,
  message?: string | null,
  options: { now?: Date; db?: Db } = {},
): Promise<RespondOk | Fail> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const mails: Mail[] = [];
  const result = runWrite((tx): RespondOk | Fail => {
    const found = loadAnswerable(tx, actor, referralId, now);
    if (!found.ok) return found;
    const { referral, activity, pilot } = found;
    tx.update(referrals)
      .set({
        status: "declined",
        responseMessage: message?.trim() || null,
        respondedBy: actor.id,
        respondedAt: now,
      })
      .where(eq(referrals.id, referral.id))
      .run();
    recordAudit(tx, actorOf(actor), {
      action: "referral.decline",
      entityType: "referral",
      entityId: referral.id,
      participantId: referral.participantId,
      organizationId: activity?.organizationId ?? pilot?.organizationId ?? null,
      changes: { status: { before: "sent", after: "declined" } },
    });
    tellSender(tx, referral, "declined", targetName({ activity, pilot }), mails);
    return { ok: true, referralId: referral.id, status: "declined" };
  }, db);
  if (result.ok) await deliver(mails, db);
  return result;
}
