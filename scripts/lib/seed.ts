import fs from "node:fs";
import { and, eq, inArray, sql } from "drizzle-orm";
import { activities, organizations, participants, pathSteps, pilots, users } from "#db/schema.ts";
import { hashPassword } from "#app/infra/auth.server.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import type { Role } from "#app/modules/auth/auth-schema.ts";
import { formatIssue, importData } from "#app/modules/import/import.server.ts";
import { sendReferrals } from "#app/modules/referrals/referral-sending.server.ts";
import { seedDataFile, seedVocabularyFromFile } from "./seed-data.ts";

/**
 * Demo data for a fresh database (`npm run db:seed`, and `npm start` on its
 * first run): the vocabulary, db/seed-data/demo.json through the real import
 * (so it is validated like any import file), one account per role and two
 * waiting referrals.
 */

export const DEMO_PASSWORD = "luotsi-demo-2026";

export type DemoAccount = {
  email: string;
  role: Role;
  organizationRef: string | null;
  displayName: string;
  pilotRef?: string;
  participantRef?: string;
  /** A worker's own caseload in the demo: these participants have them as responsible worker. */
  caseload?: string[];
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "koordinaattori@luotsi.example",
    role: "admin",
    organizationRef: null,
    displayName: "Kaisa Koordinaattori",
  },
  {
    email: "yhdistys@luotsi.example",
    role: "staff",
    organizationRef: "org-saimaanvirta",
    displayName: "Sanna (SaimaanVirta ry)",
  },
  {
    email: "tyontekija@luotsi.example",
    role: "worker",
    organizationRef: "org-saimaanvirta",
    displayName: "Ville Etsivä",
    caseload: ["p-0002", "p-0003", "p-0004"],
  },
  {
    email: "luotsi@luotsi.example",
    role: "pilot",
    organizationRef: "org-saimaanvirta",
    displayName: "Matti",
    pilotRef: "pilot-matti",
  },
  {
    email: "osallistuja@luotsi.example",
    role: "participant",
    organizationRef: "org-saimaanvirta",
    displayName: "Osallistuja",
    participantRef: "p-0001",
  },
  {
    email: "tyontekija2@luotsi.example",
    role: "worker",
    organizationRef: "org-savonlinnan-setlementti",
    displayName: "Outi Ohjaaja",
  },
  {
    email: "yhdistys2@luotsi.example",
    role: "staff",
    organizationRef: "org-savonlinnan-setlementti",
    displayName: "Sami (Setlementti)",
  },
];

export function hasOrganizations(db: Db = getDb()) {
  return (
    (db
      .select({ n: sql<number>`count(*)` })
      .from(organizations)
      .get()?.n ?? 0) > 0
  );
}

/** The demo accounts this database really has (none unless it was seeded with the demo data). */
export function listDemoAccountsPresent(db: Db = getDb()): DemoAccount[] {
  const present = new Set(
    db
      .select({ email: users.email })
      .from(users)
      .where(
        and(
          inArray(
            users.email,
            DEMO_ACCOUNTS.map((a) => a.email),
          ),
          eq(users.active, true),
        ),
      )
      .all()
      .map((u) => u.email),
  );
  return DEMO_ACCOUNTS.filter((a) => present.has(a.email));
}

/** Demo data for a fresh database: vocabulary, the demo file through the real import, and one account per role. */
export async function seedDemoData(db: Db = getDb(), options: { password?: string } = {}) {
  seedVocabularyFromFile(db);
  const raw = JSON.parse(fs.readFileSync(seedDataFile("demo.json"), "utf8")) as unknown;
  const result = importData(raw, { kind: "system", name: "seed" }, db);
  if (!result.ok)
    throw new Error(`demo data is invalid:\n${result.issues.map(formatIssue).join("\n")}`);
  const passwordHash = await hashPassword(options.password ?? DEMO_PASSWORD);
  writeTransaction((tx) => {
    for (const account of DEMO_ACCOUNTS) {
      const org = account.organizationRef
        ? tx
            .select()
            .from(organizations)
            .where(eq(organizations.ref, account.organizationRef))
            .get()
        : undefined;
      const id = crypto.randomUUID();
      tx.insert(users)
        .values({
          id,
          email: account.email,
          passwordHash,
          role: account.role,
          organizationId: org?.id ?? null,
          displayName: account.displayName,
          passwordChangedAt: new Date(),
        })
        .onConflictDoNothing()
        .run();
      // A re-run keeps the account that exists.
      const userId =
        tx.select({ id: users.id }).from(users).where(eq(users.email, account.email)).get()?.id ??
        id;
      if (account.pilotRef)
        tx.update(pilots).set({ userId }).where(eq(pilots.ref, account.pilotRef)).run();
      if (account.participantRef)
        tx.update(participants)
          .set({ userId })
          .where(eq(participants.ref, account.participantRef))
          .run();
      // The demo worker recorded their organization's path steps (an import
      // attributes steps to nobody): so the caseload and the follow-up list
      // show a last contact by the one definition (last-contact.server.ts),
      // and those reached weeks ago are due for a call.
      if (account.role === "worker" && org)
        tx.update(pathSteps)
          .set({ createdBy: userId })
          .where(
            and(
              sql`${pathSteps.createdBy} is null`,
              inArray(
                pathSteps.participantId,
                tx
                  .select({ id: participants.id })
                  .from(participants)
                  .where(eq(participants.organizationId, org.id)),
              ),
            ),
          )
          .run();
      for (const ref of account.caseload ?? []) {
        tx.update(participants)
          .set({ responsibleWorkerId: userId })
          .where(and(eq(participants.ref, ref), eq(participants.organizationId, org?.id ?? -1)))
          .run();
      }
    }
  }, db);
  await seedDemoReferrals(db);
  return result.counts;
}

/**
 * Demo data for the receiving side: the demo worker has proposed one of
 * their participants to the demo pilot and to a fishing outing, so the pilot
 * and the association staff each find a request waiting. Skipped when the
 * demo records it needs are not there.
 */
async function seedDemoReferrals(db: Db) {
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
