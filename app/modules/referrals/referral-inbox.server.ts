import { aliasedTable, and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { activities, organizations, participants, pilots, referrals, users } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import {
  THRESHOLD_FLAGS,
  todayInFinland,
  type ThresholdFlag,
  type WeeklyWindow,
} from "../common/common-schema.ts";
import { ageGroupOf, type AgeGroup } from "../reports/reports-schema.ts";
import { expireOldReferrals } from "./referral-expiry.server.ts";
import { referralFields } from "./referrals.server.ts";
import type { ReferralStatus } from "./referral-schema.ts";

/** The receiving side's inbox: what a pilot or an association's staff may see of a request. */

const senderUsers = aliasedTable(users, "sender_users");
const participantOrgs = aliasedTable(organizations, "participant_orgs");

/** What a receiver may see of a participant: no notes, no free interest text, no birth year (an age group), no municipality details. */
export type IncomingReferral = {
  id: number;
  status: ReferralStatus;
  createdAt: Date;
  expiresAt: Date;
  respondedAt: Date | null;
  message: string | null;
  responseMessage: string | null;
  target:
    | {
        type: "activity";
        id: number;
        ref: string;
        title: string;
        capacity: number | null;
        enrolled: number;
      }
    | {
        type: "pilot";
        id: number;
        ref: string;
        displayName: string;
        capacity: number;
        activeMentees: number;
      };
  participant: IncomingParticipant;
  fromOrganization: string;
  senderName: string | null;
};

/**
 * What a receiver sees of the person to decide: an age group (not the birth
 * year), languages, interests in the words given, wanted times and needs;
 * the nickname only after accepting (BRIEF: shown only to whoever accepted).
 */
export type IncomingParticipant = {
  nickname: string | null;
  languages: string[];
  needs: ThresholdFlag[];
  ageGroup: AgeGroup;
  interests: string[];
  schedule: WeeklyWindow[];
};

function incomingQuery(db: Db, where: SQL | undefined) {
  return db
    .select({
      referral: referrals,
      activity: activities,
      pilot: pilots,
      nickname: participants.nickname,
      languages: participants.languages,
      needs: participants.needs,
      birthYear: participants.birthYear,
      interests: participants.interests,
      schedule: participants.schedule,
      participantId: participants.id,
      fromOrganization: participantOrgs.name,
      senderName: senderUsers.displayName,
    })
    .from(referrals)
    .innerJoin(participants, eq(participants.id, referrals.participantId))
    .innerJoin(participantOrgs, eq(participantOrgs.id, participants.organizationId))
    .leftJoin(activities, eq(activities.id, referrals.activityId))
    .leftJoin(pilots, eq(pilots.id, referrals.pilotId))
    .leftJoin(senderUsers, eq(senderUsers.id, referrals.senderUserId))
    .where(where)
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .all();
}

function toIncoming(r: ReturnType<typeof incomingQuery>[number]): IncomingReferral {
  return {
    ...referralFields(r.referral),
    target: r.activity
      ? {
          type: "activity",
          id: r.activity.id,
          ref: r.activity.ref,
          title: r.activity.title,
          capacity: r.activity.capacity,
          enrolled: r.activity.enrolled,
        }
      : {
          type: "pilot",
          id: r.pilot!.id,
          ref: r.pilot!.ref,
          displayName: r.pilot!.displayName,
          capacity: r.pilot!.capacity,
          activeMentees: r.pilot!.activeMentees,
        },
    participant: {
      // Privacy rule: the name is shown only to a pilot or activity that has accepted the person.
      nickname: r.referral.status === "accepted" ? r.nickname : null,
      languages: r.languages,
      needs: THRESHOLD_FLAGS.filter((f) => r.needs[f] === true),
      ageGroup: ageGroupOf(r.birthYear, Number(todayInFinland().slice(0, 4))),
      interests: r.interests,
      schedule: r.schedule,
    },
    fromOrganization: r.fromOrganization,
    senderName: r.senderName,
  };
}

/** The receiving side's filter: staff see their activities and their account-less pilots; a pilot sees their own. */
export function receivingScope(user: ActingUser): SQL | undefined {
  if (user.role === "pilot") {
    return sql`${referrals.pilotId} in (select id from pilots where user_id = ${user.id})`;
  }
  if (user.role === "staff" && user.organizationId != null) {
    return or(
      sql`${referrals.activityId} in (select id from activities where organization_id = ${user.organizationId})`,
      sql`${referrals.pilotId} in (select id from pilots where organization_id = ${user.organizationId} and user_id is null)`,
    );
  }
  return undefined;
}

/**
 * Incoming requests for a pilot or a staff member, open ones first. Expired
 * ones are marked on the way, so nobody answers a request that has lapsed.
 * A professional's look at participants is audited.
 */
export function listIncomingReferrals(
  user: ActingUser,
  options: { status?: "open" | "all"; context?: string; now?: Date } = {},
  db: Db = getDb(),
): IncomingReferral[] {
  const scope = receivingScope(user);
  if (!scope) return [];
  expireOldReferrals(options.now ?? new Date(), db);
  const where = options.status === "all" ? scope : and(scope, eq(referrals.status, "sent"));
  const rows = incomingQuery(db, where);
  if (user.role === "staff" && rows.length > 0) {
    const seen = [...new Set(rows.map((r) => r.participantId))];
    writeTransaction((tx) => {
      for (const participantId of seen) {
        recordAudit(tx, actorOf(user), {
          action: "participant.read",
          entityType: "participant",
          participantId,
          context: options.context ?? "referrals.incoming",
        });
      }
    }, db);
  }
  return rows
    .map(toIncoming)
    .sort((a, b) => Number(b.status === "sent") - Number(a.status === "sent"));
}
