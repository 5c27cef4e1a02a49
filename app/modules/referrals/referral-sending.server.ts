import { and, desc, eq } from "drizzle-orm";
import { activities, participants, pilots, referrals, users } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { activityFactsOf, pilotFactsOf, seekerOf } from "../matching/match-facts.server.ts";
import { onlyTrainedPilots } from "../settings/settings.server.ts";
import {
  activityAvailability,
  judgeActivity,
  judgePilot,
  passes,
  pilotAvailability,
  toStoredVerdict,
} from "../matching/match-rules.ts";
import type { Mail } from "../mail/mail.server.ts";
import { notifyUser } from "../notifications/notifications.server.ts";
import { expireOldReferrals } from "./referral-expiry.server.ts";
import {
  SendReferralsSchema,
  type ReferralStatus,
  type ReferralTarget,
} from "./referral-schema.ts";
import {
  composeMail,
  DAY_MS,
  deliver,
  isUniqueViolation,
  referralFields,
  REFERRAL_TTL_DAYS,
  Rollback,
  runWrite,
  targetName,
  type ActivityTarget,
  type Fail,
  type PilotTarget,
} from "./referrals.server.ts";

/** The sending side: a worker proposes their participant, and sees what became of it. */

function activeStaffOf(db: Db, organizationId: number) {
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.organizationId, organizationId),
        eq(users.role, "staff"),
        eq(users.active, true),
      ),
    )
    .all();
}

/** A pilot with an account answers for themself; an imported pilot without one is answered by the organization's staff. */
function receiversOf(db: Db, target: { activity?: ActivityTarget; pilot?: PilotTarget }) {
  if (target.activity) return activeStaffOf(db, target.activity.organizationId);
  const pilot = target.pilot!;
  if (pilot.userId) {
    return db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.id, pilot.userId), eq(users.active, true)))
      .all();
  }
  return activeStaffOf(db, pilot.organizationId);
}

export type SentReferral = { id: number; target: ReferralTarget };

/**
 * A worker of the participant's organization proposes them to one or more
 * activities and pilots. All or nothing: a duplicate open referral, an
 * unknown or unavailable target rolls the whole send back and is returned as
 * a value naming the target.
 */
export async function sendReferrals(
  db: Db,
  actor: ActingUser,
  input: { participantId: number; targets: ReferralTarget[]; message?: string | null },
  now: Date = new Date(),
): Promise<{ ok: true; referrals: SentReferral[] } | Fail> {
  const parsed = SendReferralsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid" };
  if (actor.role !== "worker" || actor.organizationId == null) {
    return { ok: false, error: "forbidden" };
  }
  const { participantId, targets, message } = parsed.data;
  const mails: Mail[] = [];
  const result = runWrite((tx) => {
    const participant = tx
      .select()
      .from(participants)
      .where(eq(participants.id, participantId))
      .get();
    if (
      !participant ||
      participant.organizationId !== actor.organizationId ||
      participant.erasedAt != null
    ) {
      throw new Rollback({ ok: false, error: "participant-not-found" });
    }
    const sent: SentReferral[] = [];
    const matcher = getInterestMatcher(tx);
    const seeker = seekerOf(participant, matcher);
    // A pilot of the same association as an activity sent along counts as linked (the rulebook's association part).
    const sentActivityOrgs = new Set(
      targets.flatMap((t) =>
        "activityId" in t
          ? tx
              .select({ organizationId: activities.organizationId })
              .from(activities)
              .where(eq(activities.id, t.activityId))
              .all()
              .map((a) => a.organizationId)
          : [],
      ),
    );
    const onlyTrained = onlyTrainedPilots(tx);
    for (const target of targets) {
      const activity =
        "activityId" in target
          ? tx.select().from(activities).where(eq(activities.id, target.activityId)).get()
          : undefined;
      const pilot =
        "pilotId" in target
          ? tx.select().from(pilots).where(eq(pilots.id, target.pilotId)).get()
          : undefined;
      if (!activity && !pilot) throw new Rollback({ ok: false, error: "target-not-found", target });
      // The rulebook judges the target as the suggestions did; only an unavailable
      // target (closed, paused or full; a pilot not accepting or full) refuses the send.
      const judgement = activity
        ? judgeActivity(seeker, activityFactsOf(activity), matcher)
        : judgePilot(
            seeker,
            pilotFactsOf(pilot!, onlyTrained),
            matcher,
            sentActivityOrgs.has(pilot!.organizationId) ? 1 : 0,
          );
      const availability = activity
        ? activityAvailability(activityFactsOf(activity))
        : pilotAvailability(pilotFactsOf(pilot!, onlyTrained));
      if (!passes(availability))
        throw new Rollback({ ok: false, error: "target-unavailable", target });
      let id: number;
      try {
        id = tx
          .insert(referrals)
          .values({
            participantId,
            activityId: activity?.id ?? null,
            pilotId: pilot?.id ?? null,
            senderUserId: actor.id,
            status: "sent",
            message,
            verdict: toStoredVerdict(judgement),
            score: judgement.score,
            expiresAt: new Date(now.getTime() + REFERRAL_TTL_DAYS * DAY_MS),
            createdAt: now,
          })
          .returning({ id: referrals.id })
          .get().id;
      } catch (e) {
        if (isUniqueViolation(e)) throw new Rollback({ ok: false, error: "duplicate", target });
        throw e;
      }
      recordAudit(tx, actorOf(actor), {
        action: "referral.send",
        entityType: "referral",
        entityId: id,
        participantId,
        changes: {
          status: { before: null, after: "sent" },
          target: {
            before: null,
            after: activity ? `activity:${activity.ref}` : `pilot:${pilot!.ref}`,
          },
        },
      });
      const name = targetName({ activity, pilot });
      for (const r of receiversOf(tx, { activity, pilot })) {
        notifyUser(
          tx,
          r.id,
          { key: "referrals.notify.received", params: { target: name } },
          activity ? "/staff" : "/pilot",
        );
        mails.push(composeMail(r.email, "sent", { target: name }));
      }
      sent.push({ id, target });
    }
    return { ok: true as const, referrals: sent };
  }, db);
  if (result.ok) await deliver(mails, db);
  return result;
}

export type ParticipantReferral = {
  id: number;
  status: ReferralStatus;
  createdAt: Date;
  expiresAt: Date;
  respondedAt: Date | null;
  message: string | null;
  responseMessage: string | null;
  target:
    | { type: "activity"; id: number; ref: string; title: string }
    | { type: "pilot"; id: number; ref: string; displayName: string };
};

/** The worker side's view of one participant's referrals. The caller has checked the participant belongs to the user's organization. */
export function listReferralsForParticipant(
  participantId: number,
  db: Db = getDb(),
): ParticipantReferral[] {
  // Lapsed requests show as expired rather than as still waiting.
  expireOldReferrals(new Date(), db);
  return db
    .select({ referral: referrals, activity: activities, pilot: pilots })
    .from(referrals)
    .leftJoin(activities, eq(activities.id, referrals.activityId))
    .leftJoin(pilots, eq(pilots.id, referrals.pilotId))
    .where(eq(referrals.participantId, participantId))
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .all()
    .map((r) => ({
      ...referralFields(r.referral),
      target: r.activity
        ? {
            type: "activity" as const,
            id: r.activity.id,
            ref: r.activity.ref,
            title: r.activity.title,
          }
        : {
            type: "pilot" as const,
            id: r.pilot!.id,
            ref: r.pilot!.ref,
            displayName: r.pilot!.displayName,
          },
    }));
}

export type ReferralView = {
  id: number;
  status: ReferralStatus;
  createdAt: string;
  respondedAt: string | null;
  responseMessage: string | null;
  target: { type: "activity" | "pilot"; ref: string; name: string };
};

/** The same list as plain values for a screen (the worker's referrals tab, the participant's own page). */
export function listReferralViews(participantId: number, db: Db = getDb()): ReferralView[] {
  return listReferralsForParticipant(participantId, db).map((r) => ({
    id: r.id,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    respondedAt: r.respondedAt?.toISOString() ?? null,
    responseMessage: r.responseMessage,
    target: {
      type: r.target.type,
      ref: r.target.ref,
      name: r.target.type === "activity" ? r.target.title : r.target.displayName,
    },
  }));
}
