/**
 * The values the database stores: the domain's enums and the shapes of its
 * JSON columns. The schema stands alone (eslint.config.js: db/ imports
 * nothing of app/), so these live here; each capability's pure schema file
 * (app/modules/<capability>/*-schema.ts) re-exports its own, and the rest of
 * the app takes them from there, never from db/.
 */

/** The roles in code, exactly; one per account. */
export const ROLES = ["admin", "staff", "worker", "pilot", "participant"] as const;
export type Role = (typeof ROLES)[number];

/** Low-threshold attributes of an activity, and the same as a participant's needs. */
export const THRESHOLD_FLAGS = [
  "dropIn",
  "free",
  "noRegistration",
  "plainLanguage",
  "accessible",
  "substanceFree",
  "bringAFriend",
  "online",
] as const;
export type ThresholdFlag = (typeof THRESHOLD_FLAGS)[number];
export type Threshold = Partial<Record<ThresholdFlag, boolean>>;
export type ParticipantNeeds = Partial<Record<ThresholdFlag, boolean>>;

/** A weekly time: weekday 1 = Monday … 7 = Sunday, HH:MM start and end. */
export type WeeklyWindow = { weekday: number; start: string; end: string };

export const ACTIVITY_KINDS = [
  "group",
  "course",
  "workshop",
  "outing",
  "sport",
  "culture",
  "peer-support",
  "volunteering",
  "other",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_STATUSES = ["open", "paused", "closed"] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const GENDERS = ["female", "male", "other", "unknown"] as const;
export type Gender = (typeof GENDERS)[number];

/** The path steps (docs/interfaces.md), in the ladder's order. */
export const PATH_STEPS = [
  "reached",
  "started",
  "regular",
  "committed",
  "onward",
  "ended",
] as const;
export type PathStepKind = (typeof PATH_STEPS)[number];
export const ONWARD_PATHS = [
  "rehabilitative-work",
  "work-trial",
  "workshop",
  "vocational-rehab",
  "social-rehab",
  "education",
  "employment",
  "other",
] as const;
export type OnwardPath = (typeof ONWARD_PATHS)[number];
export const END_REASONS = [
  "employed",
  "education",
  "moved",
  "no-contact",
  "own-choice",
  "other",
] as const;
export type EndReason = (typeof END_REASONS)[number];
/** Who put a step on the path: a worker by hand, the import, or the first attendances. */
export const STEP_SOURCES = ["manual", "import", "referral", "attendance"] as const;
export type StepSource = (typeof STEP_SOURCES)[number];

export const CONTACT_KINDS = ["met", "phone", "message", "no-answer"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const REFERRAL_STATUSES = ["sent", "accepted", "declined", "withdrawn", "expired"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * Where a pilot is in their training (issue #17). Only "trained" pilots are
 * suggested while the coordinator's switch is on (the default); a pilot
 * imported without a status counts as trained.
 */
export const PILOT_TRAINING_STATUSES = ["interested", "in-training", "trained"] as const;
export type PilotTrainingStatus = (typeof PILOT_TRAINING_STATUSES)[number];

/**
 * An association's application to join (issue #17, part 4): waiting for the
 * coordinator, approved (the organization was created and its first staff
 * member invited) or declined.
 */
export const ASSOCIATION_APPLICATION_STATUSES = ["waiting", "approved", "declined"] as const;
export type AssociationApplicationStatus = (typeof ASSOCIATION_APPLICATION_STATUSES)[number];

export const ASSESSMENT_PHASES = ["start", "along", "end"] as const;

/**
 * The rulebook's verdict as a referral stores it (referrals.verdict): no fact
 * about the person. `failed` names hard rules (app/modules/matching/match-rules.ts
 * narrows it to its HardRule type).
 */
export type StoredVerdictJson<Rule extends string = string> = {
  fits: boolean;
  failed: Rule[];
  /** null when either side gave no times. */
  scheduleFits: boolean | null;
  needsMissing: ThresholdFlag[];
  fitsInterests: boolean;
  parts: Record<string, number>;
};
