import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
// The stored values (enums, JSON column shapes) are in ./domain.ts; the
// schema imports nothing of app/ (eslint.config.js).
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ASSESSMENT_PHASES,
  ASSOCIATION_APPLICATION_STATUSES,
  CONTACT_KINDS,
  END_REASONS,
  GENDERS,
  ONWARD_PATHS,
  PATH_STEPS,
  PILOT_TRAINING_STATUSES,
  REFERRAL_STATUSES,
  ROLES,
  STEP_SOURCES,
  type ParticipantNeeds,
  type StoredVerdictJson,
  type Threshold,
  type WeeklyWindow,
} from "./domain.ts";

/**
 * The whole Luotsi schema in one place. JSON columns hold small value lists
 * (languages, schedule windows, interest words) that are always read whole.
 * Timestamps are integer milliseconds (mode "timestamp_ms"); calendar dates
 * (path steps, attendance) are ISO `YYYY-MM-DD` text because they are
 * Finnish calendar days, not instants.
 */

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const organizations = sqliteTable("organizations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  ref: text("ref").notNull().unique(),
  name: text("name").notNull(),
  municipality: text("municipality").notNull(),
  description: text("description"),
  website: text("website"),
  followUpDays: integer("follow_up_days").notNull().default(21),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull().unique(),
    passwordHash: text("password_hash"),
    role: text("role", { enum: ROLES }).notNull(),
    organizationId: integer("organization_id").references(() => organizations.id),
    displayName: text("display_name").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("users_organization_idx").on(t.organizationId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // lucia's sqlite adapter stores seconds since epoch here.
    expiresAt: integer("expires_at").notNull(),
    // Absolute lifetime: lucia v3 only knows the sliding expiry.
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ref: text("ref").notNull().unique(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    title: text("title").notNull(),
    description: text("description"),
    // The same in plain language (selkokieli, lättläst), shown in the plain-language view (issue #16).
    plainDescription: text("plain_description"),
    // The language title and descriptions are written in (ISO 639-1), marked with `lang` on pages (WCAG 3.1.2).
    contentLanguage: text("content_language").notNull().default("fi"),
    interests: text("interests", { mode: "json" }).$type<string[]>().notNull().default([]),
    // Vocabulary keys the interest words and text normalize to (derived, rebuilt on vocabulary change).
    interestKeys: text("interest_keys", { mode: "json" }).$type<string[]>().notNull().default([]),
    kind: text("kind", { enum: ACTIVITY_KINDS }).notNull(),
    municipality: text("municipality").notNull(),
    address: text("address"),
    lat: real("lat"),
    lon: real("lon"),
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull().default(["fi"]),
    schedule: text("schedule", { mode: "json" }).$type<WeeklyWindow[]>().notNull().default([]),
    threshold: text("threshold", { mode: "json" }).$type<Threshold>().notNull().default({}),
    minAge: integer("min_age"),
    maxAge: integer("max_age"),
    capacity: integer("capacity"),
    enrolled: integer("enrolled").notNull().default(0),
    status: text("status", { enum: ACTIVITY_STATUSES }).notNull(),
    // Lower-cased words for the SQLite fallback search (title, description, interests, vocabulary labels).
    searchText: text("search_text").notNull().default(""),
    lastCheckedAt: integer("last_checked_at", { mode: "timestamp_ms" }),
    // How a newcomer joins and whom to ask, shown on the public page (issue #14); all optional.
    howToJoin: text("how_to_join"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("activities_organization_idx").on(t.organizationId),
    index("activities_status_municipality_idx").on(t.status, t.municipality),
  ],
);

export const pilots = sqliteTable(
  "pilots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ref: text("ref").notNull().unique(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    userId: text("user_id")
      .unique()
      .references(() => users.id),
    displayName: text("display_name").notNull(),
    municipality: text("municipality").notNull(),
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull(),
    interests: text("interests", { mode: "json" }).$type<string[]>().notNull().default([]),
    interestKeys: text("interest_keys", { mode: "json" }).$type<string[]>().notNull().default([]),
    bio: text("bio"),
    capacity: integer("capacity").notNull(),
    activeMentees: integer("active_mentees").notNull().default(0),
    acceptingMentees: integer("accepting_mentees", { mode: "boolean" }).notNull(),
    schedule: text("schedule", { mode: "json" }).$type<WeeklyWindow[]>().notNull().default([]),
    // Beside the availability above; training events are in pilot_trainings.
    trainingStatus: text("training_status", { enum: PILOT_TRAINING_STATUSES })
      .notNull()
      .default("trained"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("pilots_organization_idx").on(t.organizationId)],
);

export const participants = sqliteTable(
  "participants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ref: text("ref").notNull().unique(),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    responsibleWorkerId: text("responsible_worker_id").references(() => users.id),
    userId: text("user_id")
      .unique()
      .references(() => users.id),
    nickname: text("nickname"),
    municipality: text("municipality").notNull(),
    gender: text("gender", { enum: GENDERS }).notNull().default("unknown"),
    birthYear: integer("birth_year"),
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull(),
    interests: text("interests", { mode: "json" }).$type<string[]>().notNull().default([]),
    interestText: text("interest_text"),
    interestKeys: text("interest_keys", { mode: "json" }).$type<string[]>().notNull().default([]),
    wantsPilot: integer("wants_pilot", { mode: "boolean" }).notNull().default(false),
    needs: text("needs", { mode: "json" }).$type<ParticipantNeeds>().notNull().default({}),
    schedule: text("schedule", { mode: "json" }).$type<WeeklyWindow[]>().notNull().default([]),
    maxDistanceKm: integer("max_distance_km"),
    // Sensitive free text: shown only to professionals of the organization, audited.
    notes: text("notes"),
    erasedAt: integer("erased_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("participants_organization_idx").on(t.organizationId),
    index("participants_worker_idx").on(t.responsibleWorkerId),
  ],
);

export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    givenAt: integer("given_at", { mode: "timestamp_ms" }).notNull(),
    recordedBy: text("recorded_by").references(() => users.id),
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("consents_participant_idx").on(t.participantId)],
);

export const referrals = sqliteTable(
  "referrals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    activityId: integer("activity_id").references(() => activities.id),
    pilotId: integer("pilot_id").references(() => pilots.id),
    senderUserId: text("sender_user_id").references(() => users.id),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull().default("sent"),
    message: text("message"),
    responseMessage: text("response_message"),
    respondedBy: text("responded_by").references(() => users.id),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    // The rulebook's verdict and score when the referral was sent (for the record and for tuning).
    verdict: text("verdict", { mode: "json" }).$type<StoredVerdictJson>(),
    score: real("score"),
    createdAt: createdAt(),
  },
  (t) => [
    index("referrals_participant_idx").on(t.participantId),
    index("referrals_activity_idx").on(t.activityId, t.status),
    index("referrals_pilot_idx").on(t.pilotId, t.status),
    // One open referral per participant and target.
    uniqueIndex("referrals_open_activity_uq")
      .on(t.participantId, t.activityId)
      .where(sql`status = 'sent' and activity_id is not null`),
    uniqueIndex("referrals_open_pilot_uq")
      .on(t.participantId, t.pilotId)
      .where(sql`status = 'sent' and pilot_id is not null`),
  ],
);

export const shortlistItems = sqliteTable(
  "shortlist_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    activityId: integer("activity_id").references(() => activities.id, { onDelete: "cascade" }),
    pilotId: integer("pilot_id").references(() => pilots.id, { onDelete: "cascade" }),
    addedBy: text("added_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("shortlist_activity_uq").on(t.participantId, t.activityId),
    uniqueIndex("shortlist_pilot_uq").on(t.participantId, t.pilotId),
  ],
);

/**
 * Each path step's bit for the outcome report (app/modules/reports): one per
 * plain step kind, one per onward path and one per end reason, unknown paths
 * and reasons included. Stored with the row so that SUM(DISTINCT step_bit)
 * over a participant's steps is the OR of their bits, read in index order
 * with no per-row CASE (docs/benchmarks.md, "Reports"). Changing the lists
 * above changes this expression: generate a migration then.
 */
export const PLAIN_STEP_BITS = ["reached", "started", "regular", "committed"] as const;
export const ONWARD_BIT0 = PLAIN_STEP_BITS.length;
export const ONWARD_UNKNOWN_BIT = ONWARD_BIT0 + ONWARD_PATHS.length;
export const ENDED_BIT0 = ONWARD_UNKNOWN_BIT + 1;
export const ENDED_UNKNOWN_BIT = ENDED_BIT0 + END_REASONS.length;
const STEP_BIT_SQL = `case "step"
  ${PLAIN_STEP_BITS.map((s, i) => `when '${s}' then ${1 << i}`).join(" ")}
  when 'onward' then case "onward_path"
    ${ONWARD_PATHS.map((o, i) => `when '${o}' then ${1 << (ONWARD_BIT0 + i)}`).join(" ")}
    else ${1 << ONWARD_UNKNOWN_BIT} end
  else case "end_reason"
    ${END_REASONS.map((r, i) => `when '${r}' then ${1 << (ENDED_BIT0 + i)}`).join(" ")}
    else ${1 << ENDED_UNKNOWN_BIT} end
  end`.replace(/\s+/g, " ");

export const pathSteps = sqliteTable(
  "path_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    step: text("step", { enum: PATH_STEPS }).notNull(),
    date: text("date").notNull(),
    // '' rather than NULL so that the merge key below is a plain unique index.
    onwardPath: text("onward_path").notNull().default(""),
    endReason: text("end_reason").notNull().default(""),
    source: text("source", { enum: STEP_SOURCES }).notNull().default("manual"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
    stepBit: integer("step_bit").generatedAlwaysAs(sql.raw(STEP_BIT_SQL), { mode: "virtual" }),
  },
  (t) => [
    index("path_steps_bit_idx").on(t.participantId, t.stepBit, t.date),
    uniqueIndex("path_steps_merge_uq").on(
      t.participantId,
      t.step,
      t.date,
      t.onwardPath,
      t.endReason,
    ),
    index("path_steps_report_idx").on(t.date, t.step, t.participantId),
  ],
);

export const attendance = sqliteTable(
  "attendance",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    sessionDate: text("session_date").notNull(),
    present: integer("present", { mode: "boolean" }).notNull(),
    markedBy: text("marked_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("attendance_uq").on(t.activityId, t.participantId, t.sessionDate),
    // A participant's own attendance, automatic path steps and the report's retention.
    index("attendance_participant_idx").on(t.participantId, t.sessionDate),
  ],
);

export const contacts = sqliteTable(
  "contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CONTACT_KINDS }).notNull(),
    date: text("date").notNull(),
    workerId: text("worker_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("contacts_participant_idx").on(t.participantId, t.date)],
);

export const selfAssessments = sqliteTable(
  "self_assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    phase: text("phase", { enum: ASSESSMENT_PHASES }).notNull(),
    date: text("date").notNull(),
    workAbility: integer("work_ability").notNull(),
    mentalWellbeing: integer("mental_wellbeing").notNull(),
    socialParticipation: integer("social_participation").notNull(),
    physicalFunctioning: integer("physical_functioning").notNull(),
    competence: integer("competence").notNull(),
    everydayLife: integer("everyday_life").notNull(),
    recordedBy: text("recorded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("self_assessments_participant_idx").on(t.participantId, t.date),
    // The report's candidates: who has an assessment in the period.
    index("self_assessments_date_idx").on(t.date, t.participantId),
  ],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // SHA-256 of the token: a leaked database does not leak usable links.
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    organizationId: integer("organization_id").references(() => organizations.id),
    pilotId: integer("pilot_id").references(() => pilots.id),
    participantId: integer("participant_id").references(() => participants.id, {
      onDelete: "cascade",
    }),
    invitedBy: text("invited_by").references(() => users.id),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_email_idx").on(t.email)],
);

export const mailMessages = sqliteTable("mail_messages", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  // Set on mail to a participant: erased with them, part of their data export, hidden from the mailbox page.
  participantId: integer("participant_id").references(() => participants.id),
  sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    link: text("link"),
    // The participant a notification is about (its link names them): erased with them.
    participantId: integer("participant_id").references(() => participants.id),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.readAt),
    index("notifications_participant_idx").on(t.participantId),
  ],
);

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: text("actor_user_id"),
    actorRole: text("actor_role"),
    organizationId: integer("organization_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    participantId: integer("participant_id"),
    context: text("context"),
    // Names of the fields that changed, never their values (app/modules/audit).
    changes: text("changes", { mode: "json" }).$type<string[]>(),
  },
  (t) => [index("audit_participant_idx").on(t.participantId, t.at), index("audit_at_idx").on(t.at)],
);

export const SEARCH_ENTITIES = ["activity", "pilot"] as const;
export type SearchEntity = (typeof SEARCH_ENTITIES)[number];

/** Index changes waiting for Meilisearch; written in the same transaction as the change. */
export const searchOutbox = sqliteTable(
  "search_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entity: text("entity", { enum: SEARCH_ENTITIES }).notNull(),
    entityId: integer("entity_id").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [index("search_outbox_entity_idx").on(t.entity, t.entityId)],
);

export const interestConcepts = sqliteTable("interest_concepts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  key: text("key").notNull().unique(),
  labelFi: text("label_fi").notNull(),
  labelSv: text("label_sv").notNull(),
  labelEn: text("label_en").notNull(),
  isCategory: integer("is_category", { mode: "boolean" }).notNull().default(false),
  broaderId: integer("broader_id").references((): AnySQLiteColumn => interestConcepts.id, {
    onDelete: "set null",
  }),
  updatedAt: updatedAt(),
});

export const interestTerms = sqliteTable(
  "interest_terms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    conceptId: integer("concept_id")
      .notNull()
      .references(() => interestConcepts.id, { onDelete: "cascade" }),
    term: text("term").notNull(),
    lang: text("lang").notNull(),
  },
  (t) => [uniqueIndex("interest_terms_uq").on(t.conceptId, t.term)],
);

export const rateLimitHits = sqliteTable(
  "rate_limit_hits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bucket: text("bucket").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("rate_limit_bucket_idx").on(t.bucket, t.at)],
);

/** A named lease so that only one process drains the outbox or reindexes at a time. */
export const workerLeases = sqliteTable("worker_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/**
 * Unmet interests by quarter (app/modules/needs): the numbers the view
 * showed, already suppressed (null = hidden), per municipality ("*" = all)
 * and measure. Aggregates only: never a person. The latest computation in a
 * quarter stands for that quarter.
 */
export const needSnapshots = sqliteTable(
  "need_snapshots",
  {
    quarter: text("quarter").notNull(),
    municipality: text("municipality").notNull(),
    measure: text("measure").notNull(),
    value: integer("value"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.quarter, t.municipality, t.measure] })],
);

/**
 * A training event for pilots (issue #17): held by an organization, or by
 * the coordinator (organizationId null). Who attended is in
 * pilot_training_attendees.
 */
export const pilotTrainings = sqliteTable(
  "pilot_trainings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id").references(() => organizations.id),
    date: text("date").notNull(),
    topic: text("topic").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("pilot_trainings_organization_idx").on(t.organizationId, t.date)],
);

export const pilotTrainingAttendees = sqliteTable(
  "pilot_training_attendees",
  {
    trainingId: integer("training_id")
      .notNull()
      .references(() => pilotTrainings.id, { onDelete: "cascade" }),
    pilotId: integer("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.trainingId, t.pilotId] }),
    index("pilot_training_attendees_pilot_idx").on(t.pilotId),
  ],
);

/** Switches the coordinator sets for the whole installation (key → JSON value). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).$type<unknown>().notNull(),
  updatedBy: text("updated_by"),
  updatedAt: updatedAt(),
});

/**
 * "Become a pilot" (issue #17): a volunteer's interest sent to an
 * association from the public form. Personal data of someone with no
 * account: staff of that organization handle it; the retention job deletes
 * it 90 days after it came if nobody handled it, and 90 days after handling.
 */
export const pilotApplications = sqliteTable(
  "pilot_applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    municipality: text("municipality").notNull(),
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull().default([]),
    message: text("message"),
    locale: text("locale").notNull(),
    handledAt: integer("handled_at", { mode: "timestamp_ms" }),
    handledBy: text("handled_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("pilot_applications_organization_idx").on(t.organizationId, t.handledAt),
    index("pilot_applications_created_idx").on(t.createdAt),
  ],
);

/**
 * An association's application to join (issue #17, part 4), from the public
 * form. Contact details of someone without an account: kept 90 days after
 * it came if nobody decided, and 90 days after the decision otherwise
 * (deleteExpiredApplications). An approval names the organization it made.
 */
export const associationApplications = sqliteTable(
  "association_applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    municipality: text("municipality").notNull(),
    contactName: text("contact_name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    activities: text("activities").notNull(),
    locale: text("locale").notNull(),
    status: text("status", { enum: ASSOCIATION_APPLICATION_STATUSES }).notNull().default("waiting"),
    organizationId: integer("organization_id").references(() => organizations.id),
    handledAt: integer("handled_at", { mode: "timestamp_ms" }),
    handledBy: text("handled_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("association_applications_status_idx").on(t.status, t.createdAt),
    index("association_applications_handled_idx").on(t.handledAt),
  ],
);
