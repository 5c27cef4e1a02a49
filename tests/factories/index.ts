import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { users } from "#db/schema.ts";
import type { Role } from "#app/modules/auth/auth-schema.ts";
import { createUserSession, hashPassword } from "#app/infra/auth.server.ts";
import { getDb, migrateDatabase } from "#app/infra/db.server.ts";
import { seedVocabularyFromFile } from "../../scripts/lib/seed-data.ts";
import type { ActivityFields } from "#app/modules/catalog/activity-schema.ts";
import { saveActivity } from "#app/modules/catalog/catalog.server.ts";
import { saveOrganization } from "#app/modules/organizations/organizations.server.ts";
import type { PilotFields } from "#app/modules/pilots/pilot-schema.ts";
import { savePilot } from "#app/modules/pilots/pilots.server.ts";

export const TEST_PASSWORD = "correct horse battery staple";
export const system = { kind: "system", name: "test" } as const;

export function prepareDatabase() {
  migrateDatabase();
  seedVocabularyFromFile();
  return getDb();
}

let counter = 0;
const unique = (prefix: string) =>
  `${prefix}-${++counter}-${crypto.randomBytes(3).toString("hex")}`;

export function createOrganization(
  overrides: { ref?: string; name?: string; municipality?: string } = {},
) {
  const ref = overrides.ref ?? unique("org");
  const r = saveOrganization(getDb(), system, {
    ref,
    fields: {
      name: overrides.name ?? `Testiyhdistys ${ref}`,
      municipality: overrides.municipality ?? "Parikkala",
    },
  });
  return { id: r.id, ref };
}

export function activityFields(overrides: Partial<ActivityFields> = {}): ActivityFields {
  return {
    title: "Kalastuskerho",
    description: "Kalastetaan yhdessä Simpeleenjärvellä. Välineet lainaksi.",
    interests: ["kalastus", "luonto"],
    kind: "group",
    municipality: "Parikkala",
    languages: ["fi"],
    schedule: [{ weekday: 2, start: "17:00", end: "19:00" }],
    threshold: { free: true, dropIn: true, substanceFree: true },
    capacity: 12,
    enrolled: 7,
    status: "open",
    ...overrides,
  };
}

export function createActivity(
  organizationId: number,
  overrides: Partial<ActivityFields> & { ref?: string } = {},
) {
  const { ref = unique("act"), ...fields } = overrides;
  const db = getDb();
  const r = db.transaction((tx) =>
    saveActivity(tx as never, system, { ref, organizationId, fields: activityFields(fields) }),
  );
  return { id: r.id, ref };
}

export function pilotFields(overrides: Partial<PilotFields> = {}): PilotFields {
  return {
    displayName: "Matti",
    municipality: "Parikkala",
    languages: ["fi"],
    interests: ["kalastus"],
    bio: "Kalastan ja kuljen mielelläni mukana.",
    capacity: 2,
    activeMentees: 1,
    acceptingMentees: true,
    schedule: [{ weekday: 6, start: "10:00", end: "14:00" }],
    ...overrides,
  };
}

export function createPilot(
  organizationId: number,
  overrides: Partial<PilotFields> & { ref?: string } = {},
) {
  const { ref = unique("pilot"), ...fields } = overrides;
  const db = getDb();
  const r = db.transaction((tx) =>
    savePilot(tx as never, system, { ref, organizationId, fields: pilotFields(fields) }),
  );
  return { id: r.id, ref };
}

// argon2id at 19 MiB takes a while; every test user shares one hash of the same password.
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export async function createUser(
  role: Role,
  organizationId: number | null,
  overrides: { email?: string } = {},
) {
  const id = crypto.randomUUID();
  const email = overrides.email ?? `${unique(role)}@test.example`;
  getDb()
    .insert(users)
    .values({
      id,
      email,
      role,
      organizationId,
      displayName: `Test ${role}`,
      passwordHash: await testPasswordHash(),
    })
    .run();
  return getDb().select().from(users).where(eq(users.id, id)).get()!;
}

/** A Request carrying a signed-in session cookie, as a browser would send it. */
export async function signedInRequest(userId: string, url: string, init: RequestInit = {}) {
  const base = new Request(url);
  const cookie = (await createUserSession(base, userId)).split(";")[0]!;
  const headers = new Headers(init.headers);
  headers.set("Cookie", cookie);
  return new Request(url, { ...init, headers });
}

export const BASE = "http://localhost:3000";

/**
 * Calls a route's loader or action as a signed-in user, as Remix would: with
 * `form` it is a same-origin form POST. A thrown Response (redirect, 403,
 * 404) is the answer too; its body is then left empty.
 */
export async function callRoute(
  fn: (args: never) => unknown,
  userId: string,
  url: string,
  params: Record<string, string>,
  form?: Record<string, string> | URLSearchParams,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const request = await signedInRequest(
    userId,
    url,
    form
      ? {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Origin: BASE,
          },
          body: new URLSearchParams(form).toString(),
        }
      : {},
  );
  try {
    const res = await fn({ request, params, context: {} } as never);
    if (res instanceof Response)
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    return { status: 200, body: res as Record<string, unknown> };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: {} };
    throw e;
  }
}
