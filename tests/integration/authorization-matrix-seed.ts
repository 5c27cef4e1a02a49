import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { participants, pilots, referrals } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import type { MatrixRole, RecordKind } from "#app/authorization-matrix.ts";
import {
  BASE,
  createActivity,
  createOrganization,
  createPilot,
  createUser,
  signedInRequest,
} from "../factories/index.ts";

/**
 * Two organizations with one record of every kind and a user of every role
 * each; organization B's participant carries unique canary strings, and A's
 * participant sensitive ones, so that a crawl can prove nothing leaks.
 */
export type World = Awaited<ReturnType<typeof seedWorld>>;
type User = Awaited<ReturnType<typeof createUser>>;

const canary = (label: string) => `CANARY${label}${crypto.randomBytes(6).toString("hex")}`;

function insertParticipant(
  organizationId: number,
  ref: string,
  userId: string | null,
  workerId: string,
  text: { nickname: string; interestText: string; notes: string; interest: string },
) {
  return getDb()
    .insert(participants)
    .values({
      ref,
      organizationId,
      responsibleWorkerId: workerId,
      userId,
      nickname: text.nickname,
      municipality: "Parikkala",
      gender: "unknown",
      birthYear: 1990,
      languages: ["fi"],
      interests: ["kalastus", text.interest],
      interestText: text.interestText,
      interestKeys: ["kalastus"],
      wantsPilot: true,
      needs: {},
      schedule: [{ weekday: 2, start: "16:00", end: "20:00" }],
      notes: text.notes,
    })
    .returning()
    .get();
}

async function seedOrganization(label: "a" | "b") {
  const org = createOrganization({ name: `Matriisi ${label} ry` });
  const users: Record<Exclude<MatrixRole, "anonymous">, User> = {
    participant: await createUser("participant", org.id),
    pilot: await createUser("pilot", org.id),
    staff: await createUser("staff", org.id),
    worker: await createUser("worker", org.id),
    // Coordinators work across organizations and belong to none.
    admin: await createUser("admin", null),
  };
  const activity = createActivity(org.id, { title: `Matriisiryhmä ${label}` });
  const pilot = createPilot(org.id, { displayName: `Luotsi ${label}` });
  getDb().update(pilots).set({ userId: users.pilot.id }).where(eq(pilots.id, pilot.id)).run();
  const secrets = {
    nickname: canary(`${label}nick`),
    interestText: canary(`${label}text`),
    notes: canary(`${label}notes`),
    interest: canary(`${label}interest`).toLowerCase(),
  };
  const ref = `p-matrix-${label}-${crypto.randomBytes(3).toString("hex")}`;
  const participant = insertParticipant(
    org.id,
    ref,
    users.participant.id,
    users.worker.id,
    secrets,
  );
  const canaryMessage = canary(`${label}message`);
  const referral = getDb()
    .insert(referrals)
    .values({
      participantId: participant.id,
      activityId: activity.id,
      senderUserId: users.worker.id,
      message: canaryMessage,
      expiresAt: new Date(Date.now() + 7 * 86400_000),
    })
    .returning()
    .get();
  return {
    org,
    users,
    records: {
      activity: activity.ref,
      pilot: pilot.ref,
      participant: participant.ref,
      organization: org.ref,
      referral: String(referral.id),
      vocabulary: getDb()
        .$client.prepare(
          "select key from interest_concepts where is_category = 0 order by key limit 1",
        )
        .pluck()
        .get() as string,
      invitation: `no-such-invitation-${label}`,
      municipality: "Parikkala",
      sitemap: "pages",
    } satisfies Record<RecordKind, string>,
    participantId: participant.id,
    secrets: [...Object.values(secrets), canaryMessage],
    /** Special-category risk: only the organization's workers may ever see these. */
    sensitive: [secrets.notes, secrets.interestText],
  };
}

export async function seedWorld() {
  const a = await seedOrganization("a");
  const b = await seedOrganization("b");
  return { a, b };
}

/** Route files as Remix sees them: files in app/routes, and folders with a route module. */
export function listRouteFiles(dir = "app/routes") {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      if (e.isFile() && /\.(tsx|ts|jsx|js)$/.test(e.name)) return [e.name];
      if (e.isDirectory()) {
        const inner = ["route.tsx", "route.ts"].find((f) =>
          fs.existsSync(path.join(dir, e.name, f)),
        );
        return inner ? [`${e.name}/${inner}`] : [];
      }
      return [];
    })
    .sort();
}

export type Outcome = { status: number; location: string | null; body: string; threw: boolean };

/** Calls a loader or action the way Remix would and captures what the browser would get. */
export async function callRoute(
  fn: (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown,
  request: Request,
  params: Record<string, string>,
): Promise<Outcome> {
  let threw = false;
  let value: unknown;
  try {
    value = await fn({ request, params, context: { clientIp: "10.9.9.9" } });
  } catch (e) {
    threw = true;
    value = e;
  }
  if (value instanceof Response) {
    return {
      status: value.status,
      location: value.headers.get("Location"),
      body: await value.text().catch(() => ""),
      threw,
    };
  }
  if (threw) throw value;
  return { status: 200, location: null, body: JSON.stringify(value ?? null), threw };
}

export async function requestAs(
  user: User | null,
  url: string,
  init: RequestInit = {},
): Promise<Request> {
  const full = `${BASE}${url}`;
  if (!user) return new Request(full, init);
  return signedInRequest(user.id, full, init);
}
