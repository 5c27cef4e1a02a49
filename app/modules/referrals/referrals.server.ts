import { aliasedTable, and, desc, eq, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import {
  activities,
  organizations,
  participants,
  pilots,
  referrals,
  users,
  THRESHOLD_FLAGS,
  type ReferralStatus,
  type Role,
  type ThresholdFlag,
} from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { recordAudit, type Actor } from "../audit/audit.server.ts";
import { todayInFinland } from "../common/common-schema.ts";
import { recordStepFromReferralAccepted } from "../paths/paths.server.ts";
import { sendMail, type Mail } from "../mail/mail.server.ts";
import { notifyUser } from "../notifications/notifications.server.ts";
import { SendReferralsSchema, type ReferralTarget } from "./referral-schema.ts";

/**
 * The one referral model: a worker proposes a participant to an activity or a
 * pilot; the receiving side accepts or declines. Open ("sent") referrals
 * expire after REFERRAL_TTL_DAYS without an answer. The database allows one
 * open referral per participant and target (partial unique indexes).
 */
export const REFERRAL_TTL_DAYS = 7;
const DAY_MS = 24 * 3600_000;

/** The signed-in user as this module needs it; a lucia session user fits as is. */
export type ActingUser = { id: string; role: Role; organizationId: number | null };

export function actorOf(user: ActingUser): Actor {
  return { kind: "user", userId: user.id, role: user.role, organizationId: user.organizationId };
}

export type ReferralError =
  | "invalid"
  | "forbidden"
  | "participant-not-found"
  | "target-not-found"
  | "target-unavailable"
  | "duplicate"
  | "not-found"
  | "not-open"
  | "expired"
  | "full";

type Fail = { ok: false; error: ReferralError; target?: ReferralTarget };

/** Thrown inside a transaction to roll it back, caught at its edge and returned as a value. */
class Rollback extends Error {
  constructor(readonly failure: Fail) {
    super(failure.error);
  }
}

function runWrite<T>(fn: (tx: Db) => T, db: Db): T | Fail {
  try {
    return writeTransaction(fn, db);
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
}

function isUniqueViolation(e: unknown) {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE"
  );
}

// ---------- who receives, who is told ----------

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

type ActivityTarget = typeof activities.$inferSelect;
type PilotTarget = typeof pilots.$inferSelect;

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

function targetName(target: { activity?: ActivityTarget | null; pilot?: PilotTarget | null }) {
  return target.activity?.title ?? target.pilot?.displayName ?? "";
}

/** One mail in all three UI languages: we do not know which the reader prefers. */
function composeMail(
  to: string,
  key: "sent" | "accepted" | "declined",
  params: Record<string, string>,
): Mail {
  const fi = translator("fi");
  const sv = translator("sv");
  const en = translator("en");
  const subjectKey = `referrals.mail.${key}.subject` as const;
  const bodyKey = `referrals.mail.${key}.body` as const;
  return {
    to,
    subject: `${fi(subjectKey, params)} / ${sv(subjectKey, params)}`,
    text: [fi(bodyKey, params), sv(bodyKey, params), en(bodyKey, params)].join("\n\n---\n\n"),
  };
}

async function deliver(mails: Mail[], db: Db) {
  for (const m of mails) await sendMail(m, db);
}

// ---------- sending (worker side) ----------

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
      const available = activity
        ? activity.status === "open" &&
          (activity.capacity == null || activity.enrolled < activity.capacity)
        : pilot!.acceptingMentees && pilot!.activeMentees < pilot!.capacity;
      if (!available) throw new Rollback({ ok: false, error: "target-unavailable", target });
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

// ---------- the receiving side ----------

const senderUsers = aliasedTable(users, "sender_users");
const participantOrgs = aliasedTable(organizations, "participant_orgs");

/** What a receiver may see of a participant: no notes, no interests text, no birth year, no municipality details. */
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
  participant: { nickname: string | null; languages: string[]; needs: ThresholdFlag[] };
  fromOrganization: string;
  senderName: string | null;
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
    id: r.referral.id,
    status: r.referral.status,
    createdAt: r.referral.createdAt,
    expiresAt: r.referral.expiresAt,
    respondedAt: r.referral.respondedAt,
    message: r.referral.message,
    responseMessage: r.referral.responseMessage,
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
    },
    fromOrganization: r.fromOrganization,
    senderName: r.senderName,
  };
}

/** The receiving side's filter: staff see their activities and their account-less pilots; a pilot sees their own. */
function receivingScope(user: ActingUser): SQL | undefined {
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

/** One incoming referral, only if the user may answer it. */
export function getIncomingReferral(user: ActingUser, referralId: number, db: Db = getDb()) {
  const scope = receivingScope(user);
  if (!scope) return undefined;
  const row = incomingQuery(db, and(scope, eq(referrals.id, referralId)))[0];
  return row ? toIncoming(row) : undefined;
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

function markExpired(tx: Db, referral: typeof referrals.$inferSelect, now: Date) {
  const changed = tx
    .update(referrals)
    .set({ status: "expired", respondedAt: now })
    .where(and(eq(referrals.id, referral.id), eq(referrals.status, "sent")))
    .run().changes;
  if (changed === 0) return false;
  recordAudit(
    tx,
    { kind: "system", name: "referral-expiry" },
    {
      action: "referral.expire",
      entityType: "referral",
      entityId: referral.id,
      participantId: referral.participantId,
      changes: { status: { before: "sent", after: "expired" } },
    },
  );
  if (referral.senderUserId) {
    notifyUser(
      tx,
      referral.senderUserId,
      { key: "referrals.notify.expired" },
      participantLink(tx, referral.participantId),
      referral.participantId,
    );
  }
  return true;
}

/** The sender's way back to the participant: the pseudonymous ref is fine in a URL. */
function participantLink(tx: Db, participantId: number) {
  const p = tx
    .select({ ref: participants.ref })
    .from(participants)
    .where(eq(participants.id, participantId))
    .get();
  return p ? `/participants/${encodeURIComponent(p.ref)}` : "/dashboard";
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
    // An accepted referral is a step on the participant's path (started / reached).
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
        target: activity ? "activity" : "pilot",
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

/** The sending organization's worker takes an open referral back. */
export function withdrawReferral(
  actor: ActingUser,
  referralId: number,
  options: { now?: Date; db?: Db } = {},
): RespondOk | Fail {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  return runWrite((tx): RespondOk | Fail => {
    const row = tx
      .select({ referral: referrals, organizationId: participants.organizationId })
      .from(referrals)
      .innerJoin(participants, eq(participants.id, referrals.participantId))
      .where(eq(referrals.id, referralId))
      .get();
    if (!row || actor.role !== "worker" || row.organizationId !== actor.organizationId) {
      return { ok: false, error: "not-found" };
    }
    if (row.referral.status !== "sent") return { ok: false, error: "not-open" };
    tx.update(referrals)
      .set({ status: "withdrawn", respondedBy: actor.id, respondedAt: now })
      .where(eq(referrals.id, referralId))
      .run();
    recordAudit(tx, actorOf(actor), {
      action: "referral.withdraw",
      entityType: "referral",
      entityId: referralId,
      participantId: row.referral.participantId,
      changes: { status: { before: "sent", after: "withdrawn" } },
    });
    return { ok: true, referralId, status: "withdrawn" };
  }, db);
}

/** Open referrals older than the TTL become expired; returns how many. Safe to run any time, from any process. */
export function expireOldReferrals(now: Date = new Date(), db: Db = getDb()): number {
  const due = db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.status, "sent"), lte(referrals.expiresAt, now)))
    .all();
  if (due.length === 0) return 0;
  const expire = (tx: Db) => {
    let n = 0;
    const rows = tx
      .select()
      .from(referrals)
      .where(
        and(
          inArray(
            referrals.id,
            due.map((d) => d.id),
          ),
          eq(referrals.status, "sent"),
        ),
      )
      .all();
    for (const r of rows) if (markExpired(tx, r, now)) n++;
    return n;
  };
  // Called from read paths too; inside a caller's transaction (a tx has no $client) write in it directly.
  const client = (db as Partial<Db>).$client;
  return client && !client.inTransaction ? writeTransaction(expire, db) : expire(db);
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
      id: r.referral.id,
      status: r.referral.status,
      createdAt: r.referral.createdAt,
      expiresAt: r.referral.expiresAt,
      respondedAt: r.referral.respondedAt,
      message: r.referral.message,
      responseMessage: r.referral.responseMessage,
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

/** Open referrals count per target, e.g. for the staff dashboard. */
export function countOpenReferrals(user: ActingUser, db: Db = getDb()) {
  const scope = receivingScope(user);
  if (!scope) return 0;
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(referrals)
      .where(and(scope, eq(referrals.status, "sent")))
      .get()?.n ?? 0
  );
}
