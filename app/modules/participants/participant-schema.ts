import { z } from "zod";
import { RedirectToSchema } from "../auth/auth-schema.ts";
import {
  InterestWordsSchema,
  IsoDateSchema,
  LanguagesSchema,
  RefSchema,
  ScheduleSchema,
  THRESHOLD_FLAGS,
  ThresholdSchema,
  todayInFinland,
} from "../common/common-schema.ts";
import { END_REASONS, ONWARD_PATHS, PATH_STEPS } from "../paths/paths-schema.ts";

import { GENDERS, type Gender, type ParticipantNeeds } from "#db/domain.ts";

export { GENDERS, type Gender, type ParticipantNeeds };
import { LOCALES } from "#app/infra/i18n/i18n.ts";
import { readScheduleRows, readWeeklyRows } from "#app/infra/schedule-rows.ts";

/**
 * A participant as docs/import-format.md describes it, minus the organization link. The
 * same schema feeds the worker's form (after formToParticipantInput), the
 * import and the types. Municipality names are checked against the
 * municipality table on the server (participants.server.ts), because that
 * table is server-only data.
 */
export const ParticipantFieldsSchema = z.strictObject({
  municipality: z.string().trim().min(1, "participants.error.municipality").max(60),
  gender: z
    .enum(GENDERS, { error: `gender must be one of ${GENDERS.join(", ")}` })
    .nullish()
    .transform((g) => g ?? "unknown"),
  birthYear: z
    .number({ error: "participants.error.birthYear" })
    .int("participants.error.birthYear")
    .min(1900, "participants.error.birthYear")
    .max(new Date().getFullYear(), "participants.error.birthYear")
    .nullish(),
  languages: LanguagesSchema,
  interests: InterestWordsSchema,
  interestText: z
    .string()
    .trim()
    .max(2000, "interestText is at most 2000 characters")
    .nullish()
    .transform((s) => (s ? s : null)),
  wantsPilot: z.boolean({ error: "wantsPilot must be true or false" }).nullish(),
  needs: ThresholdSchema.nullish(),
  schedule: ScheduleSchema.nullish(),
  maxDistanceKm: z
    .number({ error: "participants.error.maxDistance" })
    .int("participants.error.maxDistance")
    .min(0, "participants.error.maxDistance")
    .max(500, "participants.error.maxDistance")
    .nullish(),
});

function saysWhatTheyLike(p: { interests: string[]; interestText?: string | null }) {
  return p.interests.length > 0 || Boolean(p.interestText?.trim());
}
const LIKES_MESSAGE = {
  message: "participants.error.interests",
  path: ["interests"],
};

export const PathStepImportSchema = z
  .strictObject({
    step: z.enum(PATH_STEPS, { error: `step must be one of ${PATH_STEPS.join(", ")}` }),
    date: IsoDateSchema,
    onwardPath: z
      .enum(ONWARD_PATHS, { error: `onwardPath must be one of ${ONWARD_PATHS.join(", ")}` })
      .nullish(),
    endReason: z
      .enum(END_REASONS, { error: `endReason must be one of ${END_REASONS.join(", ")}` })
      .nullish(),
  })
  .superRefine((s, ctx) => {
    if (s.date > todayInFinland())
      ctx.addIssue({ code: "custom", path: ["date"], message: "date cannot be in the future" });
    if (s.step === "onward" && !s.onwardPath)
      ctx.addIssue({
        code: "custom",
        path: ["onwardPath"],
        message: "onwardPath is required when step is onward",
      });
    if (s.step !== "onward" && s.onwardPath)
      ctx.addIssue({
        code: "custom",
        path: ["onwardPath"],
        message: "onwardPath is only for step onward",
      });
    if (s.step === "ended" && !s.endReason)
      ctx.addIssue({
        code: "custom",
        path: ["endReason"],
        message: "endReason is required when step is ended",
      });
    if (s.step !== "ended" && s.endReason)
      ctx.addIssue({
        code: "custom",
        path: ["endReason"],
        message: "endReason is only for step ended",
      });
  });

export const ParticipantImportSchema = ParticipantFieldsSchema.extend({
  ref: RefSchema.refine((r) => !looksLikeHenkilotunnus(r), {
    message: "ref must be pseudonymous, never a henkilötunnus",
  }),
  organizationRef: RefSchema,
  pathSteps: z.array(PathStepImportSchema).max(200).nullish(),
}).refine(saysWhatTheyLike, LIKES_MESSAGE);

/** What the worker's form adds to the contract's fields. */
export const ParticipantFormSchema = ParticipantFieldsSchema.extend({
  nickname: z
    .string()
    .trim()
    .max(40, "participants.error.nickname")
    .nullish()
    .transform((s) => (s ? s : null)),
  notes: z
    .string()
    .trim()
    .max(4000, "participants.error.notes")
    .nullish()
    .transform((s) => (s ? s : null)),
  consentGiven: z.boolean().nullish(),
}).refine(saysWhatTheyLike, LIKES_MESSAGE);

export type ParticipantFields = z.infer<typeof ParticipantFieldsSchema>;
export type ParticipantImport = z.infer<typeof ParticipantImportSchema>;
export type ParticipantForm = z.infer<typeof ParticipantFormSchema>;
export type PathStepImport = z.infer<typeof PathStepImportSchema>;

/** Finnish personal identity code (ddmmyy, century sign, 3 digits, check char): never a ref. */
export function looksLikeHenkilotunnus(text: string) {
  return /\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]/i.test(text);
}

export const NEED_FLAGS = THRESHOLD_FLAGS;

function text(form: FormData, name: string) {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

function optionalInt(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  // A non-number stays a string so that zod reports it on the right field.
  return Number.isFinite(n) ? n : trimmed;
}

/**
 * A plain HTML form (no JavaScript) as the contract's shape: interests are
 * typed one per line or separated by commas, languages and needs are
 * checkboxes, schedule rows are weekday/start/end triples.
 */
export function formToParticipantInput(form: FormData) {
  // The schedule editor's rows (shown again as posted) and the windows read
  // from them, with the errors the rows alone show (parseParticipantForm).
  const { schedule, rowOf, fieldErrors: scheduleErrors } = readWeeklyRows(form);
  const languages = [
    ...form.getAll("languages").filter((v): v is string => typeof v === "string" && v !== ""),
    ...text(form, "otherLanguages")
      .split(/[\s,]+/)
      .filter(Boolean),
  ];
  const needs: Record<string, boolean> = {};
  for (const flag of NEED_FLAGS) if (form.get(`needs.${flag}`) === "on") needs[flag] = true;
  return {
    municipality: text(form, "municipality"),
    // Optional: when given, the server takes the municipality from it.
    postalCode: text(form, "postalCode"),
    gender: text(form, "gender") || null,
    birthYear: optionalInt(text(form, "birthYear")),
    languages,
    interests: text(form, "interests")
      .split(/[\n,;]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    interestText: text(form, "interestText"),
    wantsPilot: form.get("wantsPilot") === "on",
    needs,
    schedule,
    scheduleRows: readScheduleRows(form),
    scheduleCheck: { rowOf, fieldErrors: scheduleErrors },
    maxDistanceKm: optionalInt(text(form, "maxDistanceKm")),
    nickname: text(form, "nickname"),
    notes: text(form, "notes"),
    consentGiven: form.get("consentGiven") === "on",
  };
}

export const CONSENT_PURPOSES = ["registration", "referrals", "contact"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

const ConsentIntent = z.object({
  intent: z.literal("consent"),
  purpose: z.enum(CONSENT_PURPOSES, { error: "participants.error.consentPurpose" }),
});
const WithdrawConsentIntent = z.object({
  intent: z.literal("withdrawConsent"),
  consentId: z.coerce.number().int().positive(),
});
const InviteIntent = z.object({
  intent: z.literal("invite"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(200, "participants.error.email")
    .pipe(z.email("participants.error.email")),
  // The language of the mail and of the pages it opens (issue #16).
  language: z.enum(LOCALES, { error: "participants.error.inviteLanguage" }).default("fi"),
});
const ShortlistAddIntent = z.object({
  intent: z.literal("shortlistAdd"),
  activityRef: RefSchema.optional(),
  pilotRef: RefSchema.optional(),
  redirectTo: RedirectToSchema,
});
const ShortlistRemoveIntent = z.object({
  intent: z.literal("shortlistRemove"),
  itemId: z.coerce.number().int().positive(),
});
const ReferIntent = z.object({
  intent: z.literal("refer"),
  targets: z.array(z.string().regex(/^(activity|pilot):\d+$/)).min(1, "participants.error.targets"),
  message: z
    .string()
    .trim()
    .max(1000, "participants.error.message")
    .optional()
    .transform((s) => (s ? s : null)),
});

/**
 * The participant page's own forms (participants.$ref.tsx): taking into the
 * caseload, browsing together, and adding to the shortlist (also from the
 * catalog and the suggestions, which post here).
 */
export const ParticipantPageActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("takeCaseload") }),
  ShortlistAddIntent,
  z.object({ intent: z.literal("browse") }),
  z.object({ intent: z.literal("stopBrowse") }),
]);
/** The shortlist tab (participants.$ref.shortlist.tsx): remove an entry, send referrals. */
export const ShortlistActionSchema = z.discriminatedUnion("intent", [
  ShortlistRemoveIntent,
  ReferIntent,
]);
/** The privacy tab (participants.$ref.privacy.tsx): consents and the participant's own account. */
export const ParticipantPrivacyActionSchema = z.discriminatedUnion("intent", [
  ConsentIntent,
  WithdrawConsentIntent,
  InviteIntent,
]);
export type ParticipantPageAction = z.infer<typeof ParticipantPageActionSchema>;
