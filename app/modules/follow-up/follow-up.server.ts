import { eq } from "drizzle-orm";
import { contacts, organizations } from "#db/schema.ts";
import type { SessionUser } from "#app/infra/auth.server.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { actorOf, recordAudit } from "../audit/audit.server.ts";
import { todayInFinland } from "../common/common-schema.ts";
import { findParticipantForWorker } from "../participants/participants.server.ts";
import type { ContactInput } from "./follow-up-schema.ts";
import { lastContactSql } from "./last-contact.server.ts";

export type FollowUpRow = {
  id: number;
  ref: string;
  nickname: string | null;
  mine: boolean;
  /** Last contact by the one definition (last-contact.server.ts). */
  lastContact: string | null;
  /** Latest logged contact of any kind, "no answer" included. */
  lastAttempt: string | null;
  days: number;
};

/**
 * Who needs a call: the worker's own participants and the organization's
 * unassigned ones whose last contact (last-contact.server.ts) is at least N
 * days ago (N per organization); someone never contacted counts from the
 * day they were recorded. Participants whose path has ended are not followed up.
 */
const FOLLOW_UP_SQL = `
  with base as (
    select p.id, p.ref, p.nickname, p.responsible_worker_id as worker,
      ${lastContactSql("p")} as lastContact,
      (select max(c.date) from contacts c where c.participant_id = p.id) as lastAttempt,
      (select s.step from path_steps s where s.participant_id = p.id
        order by s.date desc, s.step = 'ended' desc limit 1) as latestStep,
      date(p.created_at / 1000, 'unixepoch') as recordedOn
    from participants p
    where p.organization_id = @org and p.erased_at is null
      and (p.responsible_worker_id = @me or p.responsible_worker_id is null)
  )
  select id, ref, nickname, worker, lastContact, lastAttempt,
    cast(julianday(@today) - julianday(coalesce(lastContact, recordedOn)) as integer) as days
  from base
  where coalesce(latestStep, '') <> 'ended'
    and julianday(@today) - julianday(coalesce(lastContact, recordedOn)) >= @days
  order by lastContact is not null, days desc, ref`;

export function followUpDays(organizationId: number, db: Db = getDb()) {
  return (
    db
      .select({ days: organizations.followUpDays })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .get()?.days ?? 21
  );
}

/**
 * The day by which the worker should be in touch again: the follow-up list's
 * rule (FOLLOW_UP_SQL) for one participant, i.e. the last contact by the one
 * definition (or, never contacted, the day they were recorded) plus the
 * organization's follow-up days. The list shows them from that day on.
 */
export function nextContactDue(
  participant: { organizationId: number; createdAt: Date },
  lastContact: string | null,
  db: Db = getDb(),
): string {
  const from = lastContact ?? participant.createdAt.toISOString().slice(0, 10);
  const due = new Date(`${from}T12:00:00Z`);
  due.setUTCDate(due.getUTCDate() + followUpDays(participant.organizationId, db));
  return due.toISOString().slice(0, 10);
}

export function listFollowUps(
  user: SessionUser,
  db: Db = getDb(),
  today = todayInFinland(),
): { days: number; rows: FollowUpRow[] } {
  if (user.organizationId == null) return { days: 21, rows: [] };
  const days = followUpDays(user.organizationId, db);
  const raw = db.$client.prepare(FOLLOW_UP_SQL).all({
    org: user.organizationId,
    me: user.id,
    today,
    days,
  }) as (Omit<FollowUpRow, "mine"> & { worker: string | null })[];
  const rows = raw.map(({ worker, ...r }) => ({ ...r, mine: worker === user.id }));
  // The list shows who these people are: each is a read of a participant's record.
  writeTransaction((tx) => {
    for (const r of rows)
      recordAudit(tx, actorOf(user), {
        action: "participant.read",
        entityType: "participant",
        entityId: r.ref,
        participantId: r.id,
        context: "follow-up list",
      });
  }, db);
  return { days, rows };
}

/** One contact in one step; only the worker's own organization's participants. */
export function logContact(
  user: SessionUser,
  input: ContactInput,
  db: Db = getDb(),
): { ok: true } | { ok: false; notFound: true } {
  const participant = findParticipantForWorker(user, input.participant, db);
  if (!participant) return { ok: false, notFound: true };
  writeTransaction((tx) => {
    const row = tx
      .insert(contacts)
      .values({
        participantId: participant.id,
        kind: input.kind,
        date: input.date,
        workerId: user.id,
      })
      .returning()
      .get();
    recordAudit(tx, actorOf(user), {
      action: "contact.create",
      entityType: "contact",
      entityId: row.id,
      participantId: participant.id,
      organizationId: participant.organizationId,
      changes: {
        kind: { before: null, after: input.kind },
        date: { before: null, after: input.date },
      },
    });
  }, db);
  return { ok: true };
}
