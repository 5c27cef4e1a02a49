import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { participants, pilots, referrals } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import type { MatrixRole, RecordKind } from "#app/authorization-matrix.ts";
import { addAssessment } from "#app/modules/assessments/assessments.server.ts";
import { markAttendance } from "#app/modules/attendance/attendance.server.ts";
import { inviteUser } from "#app/modules/invitations/invitations.server.ts";
import type { ParticipantForm } from "#app/modules/participants/participant-schema.ts";
import {
  actorOf,
  createParticipant,
  inviteParticipant,
  recordConsent,
  updateParticipant,
} from "#app/modules/participants/participants.server.ts";
import { addToShortlist } from "#app/modules/participants/shortlist.server.ts";
import { proposeAsPilot } from "#app/modules/paths/pilot-proposal.server.ts";
import { addPathStep } from "#app/modules/paths/paths.server.ts";
import { acceptReferral, sendReferrals } from "#app/modules/referrals/referrals.server.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import {
  BASE,
  createActivity,
  createOrganization,
  createPilot,
  createUser,
  signedInRequest,
} from "../factories/index.ts";

/**
 * Two organizations with a record of every kind and a user of every role
 * each. Each organization's participant is made the way the app makes one
 * (a worker's form, an edit, consent, an invitation to an account and one
 * to become a pilot, referrals answered, a self-assessment, attendance),
 * so that the audit log, the mailbox and the notifications hold whatever
 * those flows write, and a canary sits in every field a participant has:
 * nickname, birth year (an unusual number), interests, free text, notes,
 * weekly times, distance, email addresses, referral messages and answers.
 */
export type World = Awaited<ReturnType<typeof seedWorld>>;
export type Side = World["a"];
type User = Awaited<ReturnType<typeof createUser>>;

const canary = (label: string) => `CANARY${label}${crypto.randomBytes(6).toString("hex")}`;

/** A participant form with canaries in every text field and unusual numbers in the rest. */
function canaryForm(label: string, birthYear: number): ParticipantForm & { secrets: string[] } {
  const nickname = canary(`${label}nick`);
  const interest = canary(`${label}interest`).toLowerCase();
  const interestText = canary(`${label}text`);
  const notes = canary(`${label}notes`);
  return {
    municipality: "Parikkala",
    gender: "unknown",
    birthYear,
    languages: ["fi"],
    interests: ["kalastus", interest],
    interestText,
    wantsPilot: true,
    needs: { substanceFree: true, free: true },
    // Times nobody else uses: 05:07–06:53.
    schedule: [{ weekday: 2, start: "05:07", end: "06:53" }],
    maxDistanceKm: 37,
    nickname,
    notes,
    consentGiven: true,
    secrets: [nickname, interest, interestText, notes],
  };
}

async function seedOrganization(label: "a" | "b") {
  const db = getDb();
  const org = createOrganization({ name: `Matriisi ${label} ry` });
  const users: Record<Exclude<MatrixRole, "anonymous">, User> = {
    participant: await createUser("participant", org.id, {
      email: `${canary(`${label}account`).toLowerCase()}@test.example`,
    }),
    pilot: await createUser("pilot", org.id),
    staff: await createUser("staff", org.id),
    worker: await createUser("worker", org.id),
    // Coordinators work across organizations and belong to none.
    admin: await createUser("admin", null),
  };
  const activity = createActivity(org.id, { title: `Matriisiryhmä ${label}` });
  const activity2 = createActivity(org.id, { title: `Matriisiryhmä ${label} 2` });
  const pilot = createPilot(org.id, { displayName: `Luotsi ${label}`, capacity: 5 });
  db.update(pilots).set({ userId: users.pilot.id }).where(eq(pilots.id, pilot.id)).run();
  const worker = users.worker;

  // The participant, as a worker makes and edits one: both audit rows see every field.
  const birthYear = label === "a" ? 1931 : 1923;
  const first = canaryForm(label, birthYear);
  const { ref } = createParticipant(worker, first);
  const edited = canaryForm(`${label}2`, birthYear + 1);
  updateParticipant(worker, ref, edited);
  const participant = db.select().from(participants).where(eq(participants.ref, ref)).get()!;
  db.update(participants)
    .set({ userId: users.participant.id })
    .where(eq(participants.id, participant.id))
    .run();
  recordConsent(worker, participant.id, "contact");

  // An account invitation and a pilot proposal: mail to the participant's own addresses.
  const inviteEmail = `${canary(`${label}invite`).toLowerCase()}@test.example`;
  await inviteParticipant(worker, participant, inviteEmail, absoluteUrl("/"));
  const proposalEmail = `${canary(`${label}proposal`).toLowerCase()}@test.example`;
  const proposal = await proposeAsPilot(
    worker,
    participant,
    { email: proposalEmail, organizationRef: org.ref },
    absoluteUrl("/"),
  );
  if (!proposal.ok) throw new Error(`pilot proposal: ${JSON.stringify(proposal)}`);

  // Referrals: one answered by staff (message and answer), one waiting for the pilot.
  const message = canary(`${label}message`);
  const sent = await sendReferrals(db, worker, {
    participantId: participant.id,
    targets: [{ activityId: activity.id }, { pilotId: pilot.id }],
    message,
  });
  if (!sent.ok) throw new Error(`referrals: ${JSON.stringify(sent)}`);
  const toActivity = db
    .select()
    .from(referrals)
    .where(and(eq(referrals.participantId, participant.id), eq(referrals.activityId, activity.id)))
    .get()!;
  const answer = canary(`${label}answer`);
  const accepted = await acceptReferral(users.staff, toActivity.id, answer);
  if (!accepted.ok) throw new Error(`accept: ${JSON.stringify(accepted)}`);
  const toPilot = db
    .select()
    .from(referrals)
    .where(and(eq(referrals.participantId, participant.id), eq(referrals.pilotId, pilot.id)))
    .get()!;

  addToShortlist(actorOf(worker), participant.id, { activityRef: activity2.ref });
  addAssessment(actorOf(worker), participant, {
    phase: "start",
    date: todayInFinland(),
    workAbility: 3,
    mentalWellbeing: 4,
    socialParticipation: 2,
    physicalFunctioning: 5,
    competence: 6,
    everydayLife: 7,
  });
  addPathStep(actorOf(worker), participant, { step: "reached", date: todayInFinland() });
  markAttendance({ ...users.staff, role: "staff" as const }, activity, todayInFinland(), [
    participant.ref,
  ]);

  // An invitation for a staff member, whose token the invitation route can be given.
  const invitation = await inviteUser(
    users.admin,
    {
      email: `staff-${label}-${crypto.randomBytes(3).toString("hex")}@test.example`,
      role: "staff",
      organizationRef: org.ref,
    },
    absoluteUrl("/"),
  );
  if (!invitation.ok) throw new Error("invitation");
  const token = invitation.link.split("/invite/")[1]!;

  const emails = [users.participant.email, inviteEmail, proposalEmail];
  const secrets = [
    ...first.secrets,
    ...edited.secrets,
    message,
    answer,
    ...emails,
    String(birthYear),
    String(birthYear + 1),
  ];
  return {
    org,
    users,
    records: {
      activity: activity.ref,
      pilot: pilot.ref,
      participant: participant.ref,
      organization: org.ref,
      referral: String(toActivity.id),
      vocabulary: db.$client
        .prepare("select key from interest_concepts where is_category = 0 order by key limit 1")
        .pluck()
        .get() as string,
      invitation: token,
      municipality: "Parikkala",
      sitemap: "pages",
    } satisfies Record<RecordKind, string>,
    activity2: activity2.ref,
    participantId: participant.id,
    openPilotReferralId: toPilot.id,
    /** Every canary of this organization's participant. */
    secrets,
    /** Special-category risk and contact details: only the organization's workers may see these. */
    sensitive: [
      ...first.secrets.filter((s) => /notes|text/.test(s)),
      ...edited.secrets.filter((s) => /notes|text/.test(s)),
      ...emails,
    ],
  };
}

export async function seedWorld() {
  const a = await seedOrganization("a");
  const b = await seedOrganization("b");
  return { a, b };
}

/** Where a canary shows up in a page: a number must stand alone, a string anywhere. */
export function containsSecret(body: string, secret: string) {
  if (/^\d+$/.test(secret)) return new RegExp(`(?<![\\w-])${secret}(?![\\w-])`).test(body);
  return body.includes(secret);
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
