import crypto from "node:crypto";
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import {
  activities,
  attendance,
  auditLog,
  consents,
  contacts,
  invitations,
  mailMessages,
  notifications,
  participants,
  pathSteps,
  pilots,
  referrals,
  selfAssessments,
  rateLimitHits,
  shortlistItems,
  users,
} from "#db/schema.ts";
import { checkpointWal, getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import { recordAudit, type Actor } from "../audit/audit.server.ts";
import { appendToLedger, ledgerKey, refDigest } from "./erasure-ledger.server.ts";

/**
 * GDPR for participants: the data export (Art. 15/20), erasure (Art. 17)
 * and the retention rule. Erasure keeps the path steps, attendance and
 * contact dates (what the outcome reports count) on a participant row
 * whose personal fields are gone, so aggregate figures do not change.
 */

/** Who may export or erase: a professional of the participant's organization, or the participant. */
export type PrivacyActor =
  | { kind: "user"; userId: string; role: string; organizationId: number | null }
  | { kind: "system"; name: string };

type ParticipantRow = typeof participants.$inferSelect;

/** The participant the actor may see, or undefined (another organization's = not found). */
export function findParticipantForPrivacy(
  actor: PrivacyActor,
  ref: string,
  db: Db = getDb(),
): ParticipantRow | undefined {
  const p = db.select().from(participants).where(eq(participants.ref, ref)).get();
  if (!p || p.erasedAt) return undefined;
  if (actor.kind === "system") return p;
  if (actor.role === "participant") return p.userId === actor.userId ? p : undefined;
  // The organization's workers hold the participant relationship; coordinators see aggregates only.
  if (actor.role === "worker")
    return actor.organizationId != null && p.organizationId === actor.organizationId
      ? p
      : undefined;
  return undefined;
}

export type ParticipantExport = ReturnType<typeof collectParticipantData>;

function collectParticipantData(p: ParticipantRow, db: Db) {
  const refOfActivity = (id: number | null) =>
    id == null
      ? null
      : (db
          .select({ ref: activities.ref, title: activities.title })
          .from(activities)
          .where(eq(activities.id, id))
          .get() ?? null);
  const refOfPilot = (id: number | null) =>
    id == null
      ? null
      : (db
          .select({ ref: pilots.ref, displayName: pilots.displayName })
          .from(pilots)
          .where(eq(pilots.id, id))
          .get() ?? null);
  const byParticipant = eq(consents.participantId, p.id);
  return {
    format: "luotsi-participant-export/1",
    generatedAt: new Date().toISOString(),
    participant: {
      ref: p.ref,
      nickname: p.nickname,
      municipality: p.municipality,
      gender: p.gender,
      birthYear: p.birthYear,
      languages: p.languages,
      interests: p.interests,
      interestText: p.interestText,
      wantsPilot: p.wantsPilot,
      needs: p.needs,
      schedule: p.schedule,
      maxDistanceKm: p.maxDistanceKm,
      notes: p.notes,
      lastContactAt: p.lastContactAt,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    },
    consents: db
      .select()
      .from(consents)
      .where(byParticipant)
      .orderBy(asc(consents.givenAt))
      .all()
      .map((c) => ({
        purpose: c.purpose,
        givenAt: c.givenAt.toISOString(),
        withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      })),
    pathSteps: db
      .select()
      .from(pathSteps)
      .where(eq(pathSteps.participantId, p.id))
      .orderBy(asc(pathSteps.date), asc(pathSteps.id))
      .all()
      .map((s) => ({
        step: s.step,
        date: s.date,
        onwardPath: s.onwardPath || null,
        endReason: s.endReason || null,
      })),
    referrals: db
      .select()
      .from(referrals)
      .where(eq(referrals.participantId, p.id))
      .orderBy(asc(referrals.createdAt))
      .all()
      .map((r) => ({
        activity: refOfActivity(r.activityId),
        pilot: refOfPilot(r.pilotId),
        status: r.status,
        message: r.message,
        responseMessage: r.responseMessage,
        createdAt: r.createdAt.toISOString(),
        respondedAt: r.respondedAt?.toISOString() ?? null,
      })),
    shortlist: db
      .select()
      .from(shortlistItems)
      .where(eq(shortlistItems.participantId, p.id))
      .all()
      .map((s) => ({ activity: refOfActivity(s.activityId), pilot: refOfPilot(s.pilotId) })),
    attendance: db
      .select()
      .from(attendance)
      .where(eq(attendance.participantId, p.id))
      .orderBy(asc(attendance.sessionDate))
      .all()
      .map((a) => ({
        activity: refOfActivity(a.activityId),
        date: a.sessionDate,
        present: a.present,
      })),
    contacts: db
      .select()
      .from(contacts)
      .where(eq(contacts.participantId, p.id))
      .orderBy(asc(contacts.date))
      .all()
      .map((c) => ({ kind: c.kind, date: c.date })),
    selfAssessments: db
      .select()
      .from(selfAssessments)
      .where(eq(selfAssessments.participantId, p.id))
      .orderBy(asc(selfAssessments.date))
      .all()
      .map(({ id: _id, participantId: _p, recordedBy: _r, createdAt: _c, ...rest }) => rest),
    // Their addresses, invitations, and every mail and notification held about them.
    emails: emailsOf(db, p),
    invitations: db
      .select()
      .from(invitations)
      .where(eq(invitations.participantId, p.id))
      .orderBy(asc(invitations.createdAt))
      .all()
      .map((i) => ({
        email: i.email,
        role: i.role,
        createdAt: i.createdAt.toISOString(),
        expiresAt: i.expiresAt.toISOString(),
        usedAt: i.usedAt?.toISOString() ?? null,
      })),
    mails: mailsOf(db, p).map((m) => ({
      to: m.to,
      subject: m.subject,
      text: m.text,
      createdAt: m.createdAt.toISOString(),
    })),
    notifications: db
      .select()
      .from(notifications)
      .where(
        p.userId
          ? or(eq(notifications.participantId, p.id), eq(notifications.userId, p.userId))
          : eq(notifications.participantId, p.id),
      )
      .orderBy(asc(notifications.createdAt))
      .all()
      .map((n) => ({
        message: n.message,
        link: n.link,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      })),
    // The client-data act: the client may learn who used their data and why.
    accessLog: db
      .select({
        at: auditLog.at,
        role: auditLog.actorRole,
        name: users.displayName,
        action: auditLog.action,
        context: auditLog.context,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(eq(auditLog.participantId, p.id))
      .orderBy(asc(auditLog.at), asc(auditLog.id))
      .all()
      .map((a) => ({
        at: a.at.toISOString(),
        by: a.name ?? a.role,
        role: a.role,
        action: a.action,
        context: a.context,
      })),
  };
}

/**
 * Everything Luotsi holds about one participant, for the participant
 * (GDPR access and portability). The export itself is audited.
 */
export function exportParticipantData(
  actor: PrivacyActor,
  ref: string,
  options: { context?: string; db?: Db } = {},
): ParticipantExport | undefined {
  const db = options.db ?? getDb();
  const p = findParticipantForPrivacy(actor, ref, db);
  if (!p) return undefined;
  const data = collectParticipantData(p, db);
  // An export is a read of the whole record: audited like every other read.
  recordAudit(db, actor as Actor, {
    action: "participant.read",
    entityType: "participant",
    entityId: p.id,
    participantId: p.id,
    organizationId: p.organizationId,
    context: options.context ?? "export:privacy",
  });
  return data;
}

export type ErasureResult = { participantId: number; ref: string };

/**
 * Removes a participant's personal data for good. Kept, anonymized: the
 * participant row (new random ref, gender and municipality for the report
 * breakdowns, everything else nulled), path steps, attendance, contact
 * dates and referral outcomes without their messages. Deleted: consents,
 * shortlist, self-assessments, invitations, mail to them, notifications
 * about them, their account with its sessions and notifications, and the
 * sign-in counters that name the account. The audit log stays (the law
 * requires it); it holds no personal values and names the participant by
 * row id, which now leads to "an erased participant".
 *
 * On disk: secure_delete zeroes what was removed, and the WAL is
 * checkpointed and emptied afterwards, so the words are gone from the file.
 * The original ref's keyed hash goes into the erasure ledger first, so that
 * restoring an older backup erases the person again.
 */
export async function eraseParticipant(
  actor: PrivacyActor,
  ref: string,
  options: { context?: string; db?: Db } = {},
): Promise<ErasureResult | undefined> {
  const db = options.db ?? getDb();
  const result = writeTransaction((tx) => {
    const p = findParticipantForPrivacy(actor, ref, tx);
    if (!p) return undefined;
    eraseWithLedger(tx, p, actor as Actor, options.context ?? "privacy.erase");
    return { participantId: p.id, ref: p.ref };
  }, db);
  if (result) await checkpointWal(db);
  return result;
}

/** One erasure inside the caller's transaction: the ledger line is written before it commits. */
function eraseWithLedger(tx: Db, p: ParticipantRow, actor: Actor, context: string) {
  appendToLedger(p.ref);
  eraseRow(tx, p);
  recordAudit(tx, actor, {
    action: "participant.erase",
    entityType: "participant",
    participantId: p.id,
    organizationId: p.organizationId,
    context,
  });
}

/** The addresses that belong to a participant: their account's and their invitations'. */
function emailsOf(tx: Db, p: ParticipantRow) {
  const emails = new Set<string>();
  if (p.userId) {
    const account = tx
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, p.userId))
      .get();
    if (account) emails.add(account.email);
  }
  for (const i of tx
    .select({ email: invitations.email })
    .from(invitations)
    .where(eq(invitations.participantId, p.id))
    .all())
    emails.add(i.email);
  return [...emails];
}

/** Mail held for a participant: linked to them, or sent to one of their addresses. */
function mailsOf(db: Db, p: ParticipantRow) {
  const emails = emailsOf(db, p);
  return db
    .select()
    .from(mailMessages)
    .where(
      or(
        eq(mailMessages.participantId, p.id),
        emails.length > 0 ? inArray(mailMessages.to, emails) : undefined,
      ),
    )
    .orderBy(asc(mailMessages.id))
    .all();
}

function eraseRow(tx: Db, p: ParticipantRow) {
  const now = new Date();
  const emails = emailsOf(tx, p);
  tx.update(participants)
    .set({
      ref: `erased-${crypto.randomBytes(8).toString("hex")}`,
      responsibleWorkerId: null,
      userId: null,
      nickname: null,
      birthYear: null,
      languages: [],
      interests: [],
      interestText: null,
      interestKeys: [],
      wantsPilot: false,
      needs: {},
      schedule: [],
      maxDistanceKm: null,
      notes: null,
      lastContactAt: null,
      erasedAt: now,
      updatedAt: now,
    })
    .where(eq(participants.id, p.id))
    .run();
  tx.delete(consents).where(eq(consents.participantId, p.id)).run();
  tx.delete(shortlistItems).where(eq(shortlistItems.participantId, p.id)).run();
  tx.delete(selfAssessments).where(eq(selfAssessments.participantId, p.id)).run();
  tx.delete(invitations).where(eq(invitations.participantId, p.id)).run();
  tx.update(referrals)
    .set({ message: null, responseMessage: null })
    .where(eq(referrals.participantId, p.id))
    .run();
  tx.delete(mailMessages)
    .where(
      or(
        eq(mailMessages.participantId, p.id),
        emails.length > 0 ? inArray(mailMessages.to, emails) : undefined,
      ),
    )
    .run();
  // Notifications about them, and any older one whose link still names the original ref.
  const link = `/participants/${encodeURIComponent(p.ref)}`;
  tx.delete(notifications)
    .where(
      or(
        eq(notifications.participantId, p.id),
        eq(notifications.link, link),
        sql`substr(${notifications.link}, 1, ${link.length + 1}) in (${`${link}/`}, ${`${link}#`}, ${`${link}?`})`,
      ),
    )
    .run();
  for (const email of emails) {
    // The sign-in counters name the account (login-account:, login-pair:, login-slot:).
    tx.delete(rateLimitHits)
      .where(sql`instr(${rateLimitHits.bucket}, ${`:${email}`}) > 0`)
      .run();
  }
  if (p.userId) {
    // Sessions and the account's own notifications go with it (ON DELETE CASCADE).
    tx.delete(users).where(eq(users.id, p.userId)).run();
  }
}

/**
 * After restoring a backup: erases again every participant whose original
 * ref is in the ledger (`npm run db:backup -- --restore`). Returns how many.
 */
export async function applyErasureLedger(digests: Set<string>, db: Db = getDb()) {
  if (digests.size === 0) return 0;
  const key = ledgerKey();
  const actor = { kind: "system", name: "restore" } as const;
  const erased = writeTransaction((tx) => {
    let n = 0;
    const living = tx.select().from(participants).where(isNull(participants.erasedAt)).all();
    for (const p of living) {
      if (!digests.has(refDigest(p.ref, key))) continue;
      eraseRow(tx, p);
      recordAudit(tx, actor, {
        action: "participant.erase",
        entityType: "participant",
        participantId: p.id,
        organizationId: p.organizationId,
        context: "restore: erasure ledger",
      });
      n++;
    }
    return n;
  }, db);
  if (erased > 0) await checkpointWal(db);
  return erased;
}

function daysBefore(date: string, days: number) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * Participants whose path ended (their latest step is "ended") at least
 * `retentionDays` ago, and who are not erased yet.
 */
export function listExpiredParticipants(
  retentionDays: number,
  options: { today?: string; db?: Db } = {},
) {
  const db = options.db ?? getDb();
  const cutoff = daysBefore(options.today ?? todayInFinland(), retentionDays);
  const lastStep = db
    .select({
      participantId: pathSteps.participantId,
      lastDate: sql<string>`max(${pathSteps.date})`.as("last_date"),
      endedDate:
        sql<string>`max(case when ${pathSteps.step} = 'ended' then ${pathSteps.date} end)`.as(
          "ended_date",
        ),
    })
    .from(pathSteps)
    .groupBy(pathSteps.participantId)
    .as("last_step");
  return db
    .select({ id: participants.id, ref: participants.ref })
    .from(participants)
    .innerJoin(lastStep, eq(lastStep.participantId, participants.id))
    .where(
      and(
        isNull(participants.erasedAt),
        sql`${lastStep.endedDate} is not null`,
        sql`${lastStep.endedDate} >= ${lastStep.lastDate}`,
        sql`${lastStep.endedDate} <= ${cutoff}`,
      ),
    )
    .orderBy(asc(participants.id))
    .all();
}

/** The retention rule, run by `npm run privacy:retention`. */
export async function eraseExpiredParticipants(
  retentionDays: number,
  options: { today?: string; db?: Db; dryRun?: boolean } = {},
) {
  const db = options.db ?? getDb();
  const expired = listExpiredParticipants(retentionDays, { today: options.today, db });
  if (options.dryRun) return { erased: 0, candidates: expired.length };
  const actor = { kind: "system", name: "retention" } as const;
  let erased = 0;
  for (const chunk of chunks(expired, 100)) {
    writeTransaction((tx) => {
      const rows = tx
        .select()
        .from(participants)
        .where(
          and(
            inArray(
              participants.id,
              chunk.map((c) => c.id),
            ),
            isNull(participants.erasedAt),
          ),
        )
        .all();
      for (const p of rows) {
        eraseWithLedger(tx, p, actor, `retention ${retentionDays} days`);
        erased++;
      }
    }, db);
  }
  if (erased > 0) await checkpointWal(db);
  return { erased, candidates: expired.length };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
