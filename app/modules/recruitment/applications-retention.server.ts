import { getDb, type Db } from "#app/infra/db.server.ts";
import { deleteExpiredAssociationApplications } from "./association-applications.server.ts";
import { deleteExpiredPilotApplications } from "./pilot-applications.server.ts";

/**
 * The public forms' part of the retention job (scripts/retention.ts, and
 * `npm start` every few minutes): every kind of application is deleted 90
 * days after it came if nobody handled it, and 90 days after handling.
 */
export function deleteExpiredApplications(db: Db = getDb(), now = Date.now()) {
  return deleteExpiredPilotApplications(db, now) + deleteExpiredAssociationApplications(db, now);
}
