import crypto from "node:crypto";
import { desc, eq } from "drizzle-orm";
import {
  activities,
  associationApplications,
  consents,
  notifications,
  pathSteps,
  pilotApplications,
  shortlistItems,
} from "#db/schema.ts";
import type { Role } from "#app/modules/auth/auth-schema.ts";
import type { MatrixRole } from "#app/authorization-matrix.ts";
import { getDb } from "#app/infra/db.server.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import { AssessmentFormSchema } from "#app/modules/assessments/assessments-schema.ts";
import { AttendanceFormSchema } from "#app/modules/attendance/attendance-schema.ts";
import { LoginFormSchema } from "#app/modules/auth/auth-schema.ts";
import { ChangePasswordFormSchema } from "#app/modules/auth/password-policy.server.ts";
import { ActivityInputSchema } from "#app/modules/catalog/activity-schema.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import { ContactFormSchema } from "#app/modules/follow-up/follow-up-schema.ts";
import {
  ConceptFormSchema,
  MergeFormSchema,
  NewConceptFormSchema,
} from "#app/modules/vocabulary/vocabulary-schema.ts";
import { saveConcept } from "#app/modules/vocabulary/vocabulary.server.ts";
import {
  AcceptInvitationFormSchema,
  InviteFormSchema,
} from "#app/modules/invitations/invitation-schema.ts";
import { inviteUser } from "#app/modules/invitations/invitations.server.ts";
import { organizationFormValues } from "#app/modules/organizations/organization-form.ts";
import { OrganizationFormSchema } from "#app/modules/organizations/organization-schema.ts";
import {
  ParticipantFormSchema,
  ParticipantPageActionSchema,
  ParticipantPrivacyActionSchema,
  ShortlistActionSchema,
  type ParticipantForm,
} from "#app/modules/participants/participant-schema.ts";
import { MAX_SCHEDULE_ROWS, type ScheduleRow } from "#app/infra/schedule-rows.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { recordConsent } from "#app/modules/consents/consents.server.ts";
import { createParticipant } from "#app/modules/participants/participants.server.ts";
import { addToShortlist } from "#app/modules/participants/shortlist.server.ts";
import { PathStepFormSchema } from "#app/modules/paths/paths-schema.ts";
import { addPathStep } from "#app/modules/paths/paths.server.ts";
import { pilotFormValues } from "#app/modules/pilots/pilot-form-schema.ts";
import { PilotFieldsSchema, type PilotFields } from "#app/modules/pilots/pilot-schema.ts";
import { ReferralResponseFormSchema } from "#app/modules/referrals/referral-schema.ts";
import { sendReferrals } from "#app/modules/referrals/referral-sending.server.ts";
import {
  activityFormValues,
  type ActivityFormValues,
} from "#app/modules/staff/activity-form-schema.ts";
import type { ActivityFields } from "#app/modules/catalog/activity-schema.ts";
import {
  TEST_PASSWORD,
  createActivity,
  createPilot,
  createUser,
  system,
} from "../factories/index.ts";
import type { Side, World } from "./authorization-matrix-seed.ts";
import {
  formOf,
  objectExample,
  strongPassword,
  toFields,
  uniqueEmail,
  unionOptions,
  type Fields,
} from "./zod-examples.ts";

/**
 * A valid form for every intent of every form action, generated from the
 * zod schema the action parses with (`formOf`, `objectExample`) or, for the
 * record forms, from the record's schema through the module's own
 * form-values function. The authorization matrix posts them through the
 * real server: an allowed role on its own record must succeed, so that
 * "another organization's record" and "no such record" are compared on
 * actions that would otherwise have worked.
 *
 * `live` is true only when the role may use the action on its own record:
 * then a case that would change shared records gets records of its own
 * (a fresh participant, activity, referral…), named in `params`, or a fresh
 * user (`freshUser`) when it ends the user's sessions.
 */
export type FormCase = {
  name: string;
  fields: Fields;
  /** Route params instead of the matrix's (a fresh record for this case). */
  params?: Record<string, string>;
  /** Post as a new user of the same role and organization (the case ends their sessions). */
  freshUser?: boolean;
};

export type FormContext = {
  world: World;
  /** The records the form's values name: the acting user's own side, or the other organization's. */
  side: Side;
  role: MatrixRole;
  live: boolean;
};

type Builder = (ctx: FormContext) => Promise<FormCase[]> | FormCase[];

const today = () => todayInFinland();

/** A past day no other case used, so that steps and contacts never collide. */
let dayOffset = 0;
function uniquePastDay() {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 30 - ++dayOffset);
  return d.toISOString().slice(0, 10);
}

const worker = (ctx: FormContext) => ctx.world.a.users.worker;

// ---------- fresh records for live cases ----------

function freshParticipant(ctx: FormContext) {
  const form = objectExample(ParticipantFormSchema, {
    interests: ["kalastus"],
  }) as ParticipantForm;
  const { ref } = createParticipant(worker(ctx), form);
  const row = getDb()
    .$client.prepare(
      "select id, organization_id as organizationId, ref from participants where ref = ?",
    )
    .get(ref) as { id: number; organizationId: number; ref: string };
  return row;
}

function activityId(ref: string) {
  return getDb().select().from(activities).where(eq(activities.ref, ref)).get()!.id;
}

async function freshOpenReferral(ctx: FormContext, target: "activity" | "pilot") {
  const p = freshParticipant(ctx);
  const db = getDb();
  const pilotId = db.$client
    .prepare("select id from pilots where ref = ?")
    .pluck()
    .get(ctx.side.records.pilot) as number;
  const sent = await sendReferrals(db, worker(ctx), {
    participantId: p.id,
    targets: [
      target === "activity" ? { activityId: activityId(ctx.side.records.activity) } : { pilotId },
    ],
  });
  if (!sent.ok) throw new Error(`fresh referral: ${JSON.stringify(sent)}`);
  return sent.referrals[0]!.id;
}

/** A category of the seeded vocabulary: every concept that is not one has a broader category. */
const aCategory = () =>
  getDb()
    .$client.prepare("select key from interest_concepts where is_category = 1 order by key limit 1")
    .pluck()
    .get() as string;

/** Labels no other concept has (labels are terms too, and a term belongs to one concept). */
function uniqueLabels() {
  const tag = crypto.randomBytes(4).toString("hex");
  return { labelFi: `Testi ${tag}`, labelSv: `Test ${tag}`, labelEn: `Test ${tag} en` };
}

function freshConcept() {
  const key = `testi-${crypto.randomBytes(4).toString("hex")}`;
  const r = saveConcept(
    system,
    { key, ...uniqueLabels(), broader: aCategory(), isCategory: false, terms: [] },
    "create",
  );
  if (!r.ok) throw new Error(`fresh concept: ${JSON.stringify(r)}`);
  return key;
}

/** A record's newest row id for the side's participant (consent, shortlist item, step). */
function latestId(
  table: typeof consents | typeof shortlistItems | typeof pathSteps,
  participantId: number,
) {
  return (
    getDb()
      .select({ id: table.id })
      .from(table)
      .where(eq(table.participantId, participantId))
      .orderBy(desc(table.id))
      .get()?.id ?? 999_999
  );
}

// ---------- record forms: a record from its schema, as the module's form shows it ----------

/** The participant form's fields for a participant record (formToParticipantInput reads them back). */
export function participantFormFields(form: ParticipantForm): Fields {
  const fields: Fields = [
    ["municipality", form.municipality],
    ["gender", form.gender ?? "unknown"],
  ];
  if (form.birthYear != null) fields.push(["birthYear", String(form.birthYear)]);
  for (const l of form.languages) fields.push(["languages", l]);
  fields.push(["interests", form.interests.join("\n")]);
  if (form.interestText) fields.push(["interestText", form.interestText]);
  if (form.wantsPilot) fields.push(["wantsPilot", "on"]);
  for (const [flag, on] of Object.entries(form.needs ?? {}))
    if (on) fields.push([`needs.${flag}`, "on"]);
  fields.push(
    ...scheduleFields(
      (form.schedule ?? []).slice(0, MAX_SCHEDULE_ROWS).map((w) => ({
        weekday: String(w.weekday),
        start: w.start,
        end: w.end,
      })),
    ),
  );
  if (form.maxDistanceKm != null) fields.push(["maxDistanceKm", String(form.maxDistanceKm)]);
  if (form.nickname) fields.push(["nickname", form.nickname]);
  if (form.notes) fields.push(["notes", form.notes]);
  if (form.consentGiven) fields.push(["consentGiven", "on"]);
  return fields;
}

/** The schedule editor's rows as a browser posts them. */
function scheduleFields(rows: ScheduleRow[]): [string, string][] {
  return rows.flatMap((r, i): [string, string][] => [
    [`schedule.${i}.weekday`, r.weekday],
    [`schedule.${i}.start`, r.start],
    [`schedule.${i}.end`, r.end],
  ]);
}

function participantFormCase(): Fields {
  const form = objectExample(ParticipantFormSchema, {
    interests: ["kalastus", "luonto"],
    nickname: "Testi",
    schedule: [{ weekday: 3, start: "16:00", end: "18:00" }],
  }) as ParticipantForm;
  return participantFormFields(form);
}

function activityFormFields(values: ActivityFormValues): Fields {
  const { schedule, threshold, languages, ...plain } = values;
  const fields = toFields(plain);
  for (const l of languages) fields.push(["languages", l]);
  fields.push(...scheduleFields(schedule));
  for (const [flag, on] of Object.entries(threshold))
    if (on) fields.push([`threshold.${flag}`, "on"]);
  return fields;
}

function activityFormCase(): Fields {
  const fields = objectExample(ActivityInputSchema, {
    title: "Testiryhmä",
    schedule: [{ weekday: 4, start: "17:00", end: "19:00" }],
  }) as ActivityFields;
  return activityFormFields(activityFormValues(fields));
}

function pilotFormCase(): Fields {
  const fields = objectExample(PilotFieldsSchema, {
    displayName: "Testiluotsi",
    capacity: 3,
  }) as PilotFields;
  const { schedule, languages, ...plain } = pilotFormValues(fields);
  const out = toFields(plain);
  for (const l of languages) out.push(["languages", l]);
  out.push(...scheduleFields(schedule));
  return out;
}

function organizationFormCase(): Fields {
  return toFields(
    organizationFormValues(
      objectExample(OrganizationFormSchema, {
        name: `Testiyhdistys ${crypto.randomBytes(2).toString("hex")}`,
      }) as never,
    ),
  );
}

// ---------- every form action ----------

/** The participant page's parts each take their own intents (nested routes, one schema each). */
const participantPageCases =
  (
    pageSchema:
      | typeof ParticipantPageActionSchema
      | typeof ShortlistActionSchema
      | typeof ParticipantPrivacyActionSchema,
  ): Builder =>
  async (ctx) => {
    const options = unionOptions(pageSchema);
    const pid = ctx.side.participantId;
    const cases: FormCase[] = [];
    for (const intent of options.keys()) {
      const schema = options.get(intent)!;
      const overrides: Record<string, unknown> = {};
      // A participant who has no account yet: the seeded one has.
      const params =
        intent === "invite" && ctx.live ? { ref: freshParticipant(ctx).ref } : undefined;
      if (intent === "invite") overrides.email = uniqueEmail("invite");
      if (intent === "shortlistAdd") {
        overrides.activityRef = ctx.side.activity2;
        overrides.redirectTo = "/";
      }
      if (intent === "withdrawConsent") {
        if (ctx.live) recordConsent(worker(ctx), pid, "referrals");
        overrides.consentId = latestId(consents, pid);
      }
      if (intent === "shortlistRemove") {
        if (ctx.live)
          addToShortlist(actorOf(worker(ctx)), pid, { pilotRef: ctx.side.records.pilot });
        overrides.itemId = latestId(shortlistItems, pid);
      }
      if (intent === "refer") {
        // A new activity each time: a participant is referred to an activity once.
        const target = ctx.live ? createActivity(ctx.side.org.id).ref : ctx.side.records.activity;
        overrides.targets = [`activity:${activityId(target)}`];
        overrides.message = "Tervetuloa mukaan";
      }
      cases.push({ name: intent, fields: formOf(schema, overrides), params });
    }
    return cases;
  };

export const ACTION_FORMS: Record<string, Builder> = {
  "account.password.tsx": () => {
    const password = strongPassword();
    return [
      {
        name: "change",
        freshUser: true,
        fields: formOf(ChangePasswordFormSchema, {
          currentPassword: TEST_PASSWORD,
          password,
          confirm: password,
        }),
      },
    ];
  },
  "admin.organizations.$ref.tsx": () => [{ name: "save", fields: organizationFormCase() }],
  "admin.pilots.tsx": () => [
    // Off and back on: the switch ends as the other tests expect it.
    { name: "allow untrained", fields: [["onlyTrained", "off"]] },
    { name: "only trained", fields: [["onlyTrained", "on"]] },
  ],
  "admin.organizations._index.tsx": () => [{ name: "create", fields: organizationFormCase() }],
  "admin.users.tsx": async (ctx) => {
    const target = async () =>
      ctx.live ? (await createUser("worker", ctx.side.org.id)).id : ctx.side.users.worker.id;
    return [
      {
        name: "invite",
        fields: [
          ["intent", "invite"],
          ...formOf(InviteFormSchema, {
            role: "staff",
            organizationRef: ctx.side.org.ref,
            email: uniqueEmail("invited"),
          }),
        ],
      },
      {
        name: "deactivate",
        fields: [
          ["intent", "deactivate"],
          ["userId", await target()],
        ],
      },
      {
        name: "reactivate",
        fields: [
          ["intent", "reactivate"],
          ["userId", await target()],
        ],
      },
    ];
  },
  "admin.vocabulary.$key.tsx": (ctx) => [
    {
      name: "save",
      fields: formOf(ConceptFormSchema, { ...uniqueLabels(), broader: aCategory() }),
      params: ctx.live ? { key: freshConcept() } : undefined,
    },
    {
      name: "merge",
      fields: [
        ["intent", "merge"],
        ...formOf(MergeFormSchema, { into: ctx.live ? freshConcept() : "kalastus" }),
      ],
      params: ctx.live ? { key: freshConcept() } : undefined,
    },
  ],
  "admin.vocabulary.new.tsx": () => [
    {
      name: "create",
      fields: formOf(NewConceptFormSchema, { ...uniqueLabels(), broader: aCategory() }),
    },
  ],
  "attendance.$ref.tsx": (ctx) => [
    {
      name: "save",
      fields: formOf(AttendanceFormSchema, {
        date: today(),
        // Staff see everyone accepted to the activity; a pilot only their own mentees (none here).
        present: ctx.role === "pilot" ? [] : [ctx.side.records.participant],
      }),
    },
  ],
  "follow-up.tsx": (ctx) => [
    {
      name: "log",
      fields: formOf(ContactFormSchema, {
        participant: ctx.side.records.participant,
        date: uniquePastDay(),
      }),
    },
  ],
  "invite.$token.tsx": async (ctx) => {
    const password = strongPassword();
    let params: Record<string, string> | undefined;
    if (ctx.live) {
      const r = await inviteUser(
        ctx.world.a.users.admin,
        { email: uniqueEmail("invitee"), role: "staff", organizationRef: ctx.side.org.ref },
        absoluteUrl("/"),
      );
      if (!r.ok) throw new Error("invitation");
      params = { token: r.link.split("/invite/")[1]! };
    }
    return [
      {
        name: "accept",
        params,
        fields: formOf(AcceptInvitationFormSchema, {
          displayName: "Testi",
          password,
          confirm: password,
        }),
      },
    ];
  },
  "login.tsx": (ctx) => [
    {
      name: "sign-in",
      fields: formOf(LoginFormSchema, {
        email: ctx.side.users.worker.email,
        password: TEST_PASSWORD,
        redirectTo: "/dashboard",
      }),
    },
  ],
  "logout.tsx": () => [{ name: "sign-out", fields: [], freshUser: true }],
  "me._index.tsx": (ctx) => {
    const pid = ctx.side.participantId;
    if (ctx.live) {
      addToShortlist(actorOf(worker(ctx)), pid, { pilotRef: ctx.side.records.pilot });
      recordConsent(worker(ctx), pid, "registration");
    }
    return [
      {
        name: "shortlistAdd",
        fields: [
          ["intent", "shortlistAdd"],
          ["activityRef", ctx.side.records.activity],
          ["redirectTo", "/me"],
        ],
      },
      {
        name: "shortlistRemove",
        fields: [
          ["intent", "shortlistRemove"],
          ["itemId", String(latestId(shortlistItems, pid))],
        ],
      },
      {
        name: "withdrawConsent",
        fields: [
          ["intent", "withdrawConsent"],
          ["consentId", String(latestId(consents, pid))],
        ],
      },
    ];
  },
  "notifications._index.tsx": (ctx) => {
    const user = ctx.role === "anonymous" ? ctx.side.users.worker : ctx.side.users[ctx.role];
    const own = getDb()
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.userId, user.id))
      .get();
    const cases: FormCase[] = [{ name: "read all", fields: [["id", "all"]] }];
    if (own) cases.push({ name: "read one", fields: [["id", String(own.id)]] });
    return cases;
  },
  "participants.$ref.edit.tsx": () => [{ name: "save", fields: participantFormCase() }],
  "participants.$ref.tsx": participantPageCases(ParticipantPageActionSchema),
  "participants.$ref.shortlist.tsx": participantPageCases(ShortlistActionSchema),
  "participants.$ref.privacy.tsx": participantPageCases(ParticipantPrivacyActionSchema),
  "participants.$ref_.assessment.tsx": () => [
    { name: "add", fields: formOf(AssessmentFormSchema, { date: uniquePastDay() }) },
  ],
  "participants.$ref_.path.tsx": (ctx) => {
    const pid = ctx.side.participantId;
    if (ctx.live) {
      const p = { id: pid, organizationId: ctx.side.org.id, ref: ctx.side.records.participant };
      addPathStep(actorOf(worker(ctx)), p, { step: "reached", date: uniquePastDay() });
    }
    return [
      {
        name: "add",
        fields: [
          ["intent", "add"],
          ...formOf(PathStepFormSchema, { step: "reached", date: uniquePastDay() }),
        ],
      },
      {
        name: "remove",
        fields: [
          ["intent", "remove"],
          ["stepId", String(latestId(pathSteps, pid))],
        ],
      },
    ];
  },
  "participants.new.tsx": () => [{ name: "create", fields: participantFormCase() }],
  "pilot-proposal.$ref.tsx": (ctx) => [
    {
      name: "propose",
      fields: [
        ["email", uniqueEmail("proposal")],
        ["organizationRef", ctx.side.org.ref],
      ],
    },
  ],
  "pilot._index.tsx": async (ctx) => {
    const respond = async (intent: "accept" | "decline") => ({
      name: intent,
      fields: formOf(ReferralResponseFormSchema, {
        intent,
        referralId: ctx.live ? await freshOpenReferral(ctx, "pilot") : ctx.side.openPilotReferralId,
      }),
    });
    return [
      { name: "profile", fields: [["intent", "profile"], ...pilotFormCase()] },
      {
        name: "accepting",
        fields: [
          ["intent", "accepting"],
          ["accepting", "off"],
        ],
      },
      await respond("accept"),
      await respond("decline"),
    ];
  },
  "privacy.erase.$ref.tsx": (ctx) => {
    const ref = ctx.live ? freshParticipant(ctx).ref : ctx.side.records.participant;
    return [{ name: "erase", fields: [["confirm", ref]], params: ctx.live ? { ref } : undefined }];
  },
  // "Continue the session": no fields; the signed out get endsAt null.
  "session.ts": () => [{ name: "continue", fields: [] }],
  "set-language.tsx": () => [
    {
      name: "switch",
      fields: [
        ["lang", "sv"],
        ["redirectTo", "/"],
      ],
    },
  ],
  "staff._index.tsx": async (ctx) => {
    const respond = async (intent: "accept" | "decline") => ({
      name: intent,
      fields: formOf(ReferralResponseFormSchema, {
        intent,
        referralId: ctx.live
          ? await freshOpenReferral(ctx, "activity")
          : Number(ctx.side.records.referral),
      }),
    });
    return [await respond("accept"), await respond("decline")];
  },
  "staff.activities.$ref.tsx": (ctx) => {
    const own = () => (ctx.live ? { ref: createActivity(ctx.side.org.id).ref } : undefined);
    return ["save", "pause", "reopen", "close", "duplicate", "check"].map((intent) => ({
      name: intent,
      params: own(),
      fields: [["intent", intent], ...(intent === "save" ? activityFormCase() : [])] as Fields,
    }));
  },
  "staff.activities.new.tsx": () => [{ name: "create", fields: activityFormCase() }],
  "staff.pilots.$ref.tsx": (ctx) => [
    {
      name: "save",
      params: ctx.live ? { ref: createPilot(ctx.side.org.id).ref } : undefined,
      fields: pilotFormCase(),
    },
  ],
  "staff.pilots.new.tsx": () => [{ name: "create", fields: pilotFormCase() }],
  "join.pilot.tsx": (ctx) => [
    {
      name: "send",
      fields: [
        ["organizationRef", ctx.side.org.ref],
        ["name", "Vilja Vapaaehtoinen"],
        ["email", uniqueEmail("volunteer")],
        ["phone", ""],
        ["municipality", "Parikkala"],
        ["languages", "fi"],
        ["message", ""],
        ["website", ""],
      ],
    },
  ],
  "join.association.tsx": () => [
    {
      name: "send",
      fields: [
        ["name", "Kyläkuoro ry"],
        ["municipality", "Parikkala"],
        ["contactName", "Kaisa Kontakti"],
        ["email", uniqueEmail("association")],
        ["phone", ""],
        ["activities", "Kuoro kokoontuu torstaisin kylätalolla."],
        ["website", ""],
      ],
    },
  ],
  // A fresh waiting application for each case: a decided one is refused as missing.
  "admin.associations.tsx": () => [
    {
      name: "approve",
      fields: [
        ["id", String(associationApplication())],
        ["intent", "approve"],
      ],
    },
    {
      name: "decline",
      fields: [
        ["id", String(associationApplication())],
        ["intent", "decline"],
      ],
    },
  ],
  "staff.pilots.applications.tsx": (ctx) => [
    {
      name: "handle",
      fields: [["id", String(pilotApplicationOf(ctx.side.org.id, ctx.live))]],
    },
  ],
  "staff.pilots.trainings.tsx": (ctx) => [
    {
      name: "record",
      fields: [
        ["date", "2026-11-20"],
        ["topic", "Toimintaluotsin peruskoulutus"],
        ["attendees", ctx.side.records.pilot],
        ["markTrained", "on"],
      ],
    },
  ],
};

/**
 * A waiting "become a pilot" application of the organization: a new one
 * for each live case (handling one twice is refused as missing).
 */
function pilotApplicationOf(organizationId: number, live: boolean) {
  const db = getDb();
  const waiting = live
    ? undefined
    : db
        .select({ id: pilotApplications.id })
        .from(pilotApplications)
        .where(eq(pilotApplications.organizationId, organizationId))
        .get();
  if (waiting) return waiting.id;
  return db
    .insert(pilotApplications)
    .values({
      organizationId,
      name: "Vilja Vapaaehtoinen",
      email: uniqueEmail("volunteer"),
      municipality: "Parikkala",
      languages: ["fi"],
      locale: "fi",
    })
    .returning({ id: pilotApplications.id })
    .get().id;
}

/** A waiting association's application with a contact address no account has. */
function associationApplication() {
  return getDb()
    .insert(associationApplications)
    .values({
      name: "Kyläkuoro ry",
      municipality: "Parikkala",
      contactName: "Kaisa Kontakti",
      email: uniqueEmail("association"),
      activities: "Kuoro kokoontuu torstaisin kylätalolla.",
      locale: "fi",
    })
    .returning({ id: associationApplications.id })
    .get().id;
}

/** A fresh user of a role in organization A, for cases that end the user's sessions. */
export function freshUserOf(role: Exclude<MatrixRole, "anonymous">, world: World) {
  const organizationId = role === "admin" ? null : world.a.org.id;
  return createUser(role as Role, organizationId);
}
