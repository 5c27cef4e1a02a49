import { eq } from "drizzle-orm";
import { activities, participants, pilots, users } from "#db/schema.ts";
import type { Db } from "#app/infra/db.server.ts";
import { sendReferrals } from "./referrals.server.ts";

/**
 * Demo data for the receiving side: the demo worker has proposed one of
 * their participants to the demo pilot and to a fishing outing, so the pilot
 * and the association staff each find a request waiting. Skipped when the
 * demo records it needs are not there.
 */
export async function seedDemoReferrals(db: Db) {
  const worker = db.select().from(users).where(eq(users.email, "tyontekija@luotsi.example")).get();
  const participant = db.select().from(participants).where(eq(participants.ref, "p-0006")).get();
  const pilot = db.select().from(pilots).where(eq(pilots.ref, "pilot-matti")).get();
  const activity = db
    .select()
    .from(activities)
    .where(eq(activities.ref, "act-parikkala-kalaretki"))
    .get();
  if (!worker || !participant || !pilot || !activity) return 0;
  const result = await sendReferrals(db, worker, {
    participantId: participant.id,
    targets: [{ pilotId: pilot.id }, { activityId: activity.id }],
    message:
      "Kalastaa mielellään ja kaipaa seuraa ensimmäisille kerroille. Lauantaiaamu sopisi hyvin.",
  });
  return result.ok ? result.referrals.length : 0;
}
