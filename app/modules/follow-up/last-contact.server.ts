import { sql } from "drizzle-orm";
import { getDb, type Db } from "#app/infra/db.server.ts";

/**
 * "Last contact", one definition (docs/domain.md), used by the worker's
 * caseload, the follow-up list, the participant page and the data export:
 * the latest day a worker of the participant's own organization recorded
 * contact with them — a logged contact that reached them (not "no answer"),
 * a path step they recorded, a referral they sent, or a present attendance
 * they marked. What others record (an activity's staff, a pilot, the
 * import) does not count: journey 4 asks when *the worker* last had contact.
 *
 * As SQL so that lists compute it in their own query; `p` is the alias of
 * the participants table in that query. `finland_date` (db.server.ts) turns
 * a referral's send time into a Finnish calendar day.
 */
export function lastContactSql(p = "participants") {
  const byWorker = (column: string) =>
    `join users u on u.id = ${column} and u.role = 'worker' and u.organization_id = ${p}.organization_id`;
  return `(select max(day) from (
      select c.date as day from contacts c ${byWorker("c.worker_id")}
        where c.participant_id = ${p}.id and c.kind <> 'no-answer'
      union all
      select s.date from path_steps s ${byWorker("s.created_by")}
        where s.participant_id = ${p}.id
      union all
      select finland_date(r.created_at) from referrals r ${byWorker("r.sender_user_id")}
        where r.participant_id = ${p}.id
      union all
      select a.session_date from attendance a ${byWorker("a.marked_by")}
        where a.participant_id = ${p}.id and a.present = 1
    ))`;
}

/** One participant's last contact (YYYY-MM-DD), or null when a worker has recorded none. */
export function getLastContact(participantId: number, db: Db = getDb()): string | null {
  return (
    db.get<{ day: string | null }>(
      sql`select ${sql.raw(lastContactSql("p"))} as day from participants p where p.id = ${participantId}`,
    )?.day ?? null
  );
}
