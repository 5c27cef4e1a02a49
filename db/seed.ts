import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { organizations, pilots, participants, users, type Role } from "#db/schema.ts";
import { hashPassword } from "#app/infra/auth.server.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { seedVocabulary } from "#app/modules/interests/interests.server.ts";
import { importData, formatIssue } from "#app/modules/import/import.server.ts";
import { seedDemoReferrals } from "#app/modules/referrals/demo-referrals.server.ts";
import { and, eq, inArray } from "drizzle-orm";

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

export function demoDataFile() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.join(here, "seed-data/demo.json");
}

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
  seedVocabulary(db);
  const raw = JSON.parse(fs.readFileSync(demoDataFile(), "utf8")) as Record<string, unknown>;
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
      if (account.pilotRef)
        tx.update(pilots).set({ userId: id }).where(eq(pilots.ref, account.pilotRef)).run();
      if (account.participantRef)
        tx.update(participants)
          .set({ userId: id })
          .where(eq(participants.ref, account.participantRef))
          .run();
      for (const ref of account.caseload ?? []) {
        tx.update(participants)
          .set({ responsibleWorkerId: id })
          .where(and(eq(participants.ref, ref), eq(participants.organizationId, org?.id ?? -1)))
          .run();
      }
    }
  }, db);
  await seedDemoReferrals(db);
  return result.counts;
}
