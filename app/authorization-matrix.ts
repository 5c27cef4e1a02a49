import type { Role } from "#app/modules/auth/auth-schema.ts";

/**
 * Who may use which route: the one table that the authorization test
 * (tests/integration/authorization-matrix.test.ts) walks for every route
 * file × every role, with records of the user's own and of another
 * organization. A route file without a row here fails that test, so no
 * route can be added without deciding who may use it.
 *
 * The routes enforce this themselves (requireRole & co. first thing in every
 * loader and action); the table is the specification they are tested against.
 */

export const MATRIX_ROLES = [
  "anonymous",
  "participant",
  "pilot",
  "staff",
  "worker",
  "admin",
] as const satisfies readonly ("anonymous" | Role)[];
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** What a `$ref` (or other `$param`) in the route names, so the test can give it a real record. */
export type RecordKind =
  | "activity"
  | "pilot"
  | "participant"
  | "organization"
  | "referral"
  | "vocabulary"
  | "invitation"
  | "municipality"
  | "sitemap";

export type RouteRule = {
  /** Roles whose GET (loader) answers with data; everyone else gets 401/403/404 or a redirect. */
  read: readonly MatrixRole[];
  /** Roles whose POST (action) is handled; omitted when the route has no action. */
  write?: readonly MatrixRole[];
  /** The record each `$param` names. */
  params?: Record<string, RecordKind>;
  /** The record must belong to the user's organization: another organization's answers 404. */
  ownOrganization: boolean;
  /** JSON API: the signed-out get 401 rather than a redirect to the sign-in page. */
  api?: boolean;
  /** The loader returns a participant's record: each professional read writes a `participant.read` audit row. */
  auditsParticipantRead?: boolean;
  /** A query string the walk adds so that an allowed GET is a valid one (e.g. `?format=csv`). */
  query?: string;
  /** Why, when the row is not obvious. */
  note?: string;
};

const EVERYONE = MATRIX_ROLES;
const SIGNED_IN = ["participant", "pilot", "staff", "worker", "admin"] as const;

export const AUTHORIZATION_MATRIX = {
  "_index.tsx": { read: EVERYONE, ownOrganization: false, note: "public catalog" },
  "join.pilot.tsx": {
    read: EVERYONE,
    write: EVERYONE,
    ownOrganization: false,
    note: "public 'become a pilot' form: honeypot and a per-address limit",
  },
  "join.association.tsx": {
    read: EVERYONE,
    write: EVERYONE,
    ownOrganization: false,
    note: "public association application: the same honeypot and per-address limit",
  },
  "activities.$ref.tsx": {
    read: EVERYONE,
    params: { ref: "activity" },
    ownOrganization: false,
    note: "public activity page; closed activities answer 404",
  },
  "activities.$ref.ical.tsx": {
    read: EVERYONE,
    params: { ref: "activity" },
    ownOrganization: false,
  },
  "calendars.organizations.$ref.ts": {
    read: EVERYONE,
    params: { ref: "organization" },
    ownOrganization: false,
    note: "public iCalendar feed of an organization's open and paused activities",
  },
  "calendars.municipalities.$name.ts": {
    read: EVERYONE,
    params: { name: "municipality" },
    ownOrganization: false,
    note: "public iCalendar feed of a municipality's open and paused activities",
  },
  "privacy.tsx": { read: EVERYONE, ownOrganization: false },
  "organizations.$ref.tsx": {
    read: EVERYONE,
    params: { ref: "organization" },
    ownOrganization: false,
    note: "public page of an organization and its open activities",
  },
  "robots[.]txt.ts": { read: EVERYONE, ownOrganization: false },
  "sitemap[.]xml.ts": { read: EVERYONE, ownOrganization: false, note: "sitemap index" },
  "sitemap.$part.ts": {
    read: EVERYONE,
    params: { part: "sitemap" },
    ownOrganization: false,
    note: "one file of the sitemap: public pages only",
  },
  "manifest[.]webmanifest.ts": { read: EVERYONE, ownOrganization: false },
  "api.hsds.$.ts": {
    read: EVERYONE,
    ownOrganization: false,
    note: "open data: the HSDS 3.0 API (every endpoint under /api/hsds/), public and read-only",
  },
  "privacy.export.$ref.ts": {
    read: ["participant", "worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    auditsParticipantRead: true,
    note: "GDPR export (JSON/HTML): the organization's worker, or the participant themself",
  },
  "privacy.erase.$ref.tsx": {
    read: ["worker"],
    write: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    note: "GDPR erasure; the confirmation page shows only the ref",
  },
  "login.tsx": {
    read: EVERYONE,
    write: EVERYONE,
    ownOrganization: false,
    note: "signed-in users are redirected onward",
  },
  "logout.tsx": {
    read: EVERYONE,
    write: EVERYONE,
    ownOrganization: false,
    note: "GET only redirects home",
  },
  "set-language.tsx": { read: EVERYONE, write: EVERYONE, ownOrganization: false },
  "session.ts": {
    read: EVERYONE,
    write: EVERYONE,
    ownOrganization: false,
    note: "when the own session ends (GET), continue it (POST); signed out: null",
  },
  "account.password.tsx": {
    read: SIGNED_IN,
    write: SIGNED_IN,
    ownOrganization: false,
    note: "own password only; the change ends every other session",
  },
  "dashboard.tsx": {
    read: SIGNED_IN,
    ownOrganization: false,
    note: "redirects to the role's start page",
  },
  "me._index.tsx": {
    read: ["participant"],
    write: ["participant"],
    ownOrganization: true,
    note: "the participant's own record only",
  },
  "admin._index.tsx": { read: ["admin"], ownOrganization: false },
  "staff._index.tsx": { read: ["staff"], write: ["staff"], ownOrganization: true },
  "staff.activities.new.tsx": { read: ["staff"], write: ["staff"], ownOrganization: true },
  "staff.activities.$ref.tsx": {
    read: ["staff"],
    write: ["staff"],
    params: { ref: "activity" },
    ownOrganization: true,
  },
  "worker._index.tsx": { read: ["worker"], ownOrganization: true },
  "participants.new.tsx": { read: ["worker"], write: ["worker"], ownOrganization: true },
  "participants.$ref.tsx": {
    read: ["worker"],
    write: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    auditsParticipantRead: true,
  },
  "participants.$ref._index.tsx": {
    read: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    // The page is one read: its parent route (participants.$ref.tsx) audits it.
    auditsParticipantRead: true,
    note: "summary: who, where, interests, what is open",
  },
  "participants.$ref.profile.tsx": {
    read: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    // The page is one read: its parent route (participants.$ref.tsx) audits it.
    auditsParticipantRead: true,
    note: "profile",
  },
  "participants.$ref.suggestions.tsx": {
    read: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    // The page is one read: its parent route (participants.$ref.tsx) audits it.
    auditsParticipantRead: true,
  },
  "participants.$ref.shortlist.tsx": {
    read: ["worker"],
    write: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    // The page is one read: its parent route (participants.$ref.tsx) audits it.
    auditsParticipantRead: true,
    note: "remove from the shortlist, send referrals",
  },
  "participants.$ref.referrals.tsx": {
    read: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    // The page is one read: its parent route (participants.$ref.tsx) audits it.
    auditsParticipantRead: true,
  },
  "participants.$ref.privacy.tsx": {
    read: ["worker"],
    write: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    // The page is one read: its parent route (participants.$ref.tsx) audits it.
    auditsParticipantRead: true,
    note: "consents, the participant's invitation, viewers, data rights",
  },
  "participants.$ref.edit.tsx": {
    read: ["worker"],
    write: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    auditsParticipantRead: true,
  },
  "api.v1.participants.$ref.suggestions.ts": {
    read: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    api: true,
    auditsParticipantRead: true,
  },
  "reports._index.tsx": {
    read: ["worker", "admin"],
    ownOrganization: true,
    note: "worker: own organization; admin: all or chosen organizations, aggregates with small cells suppressed",
  },
  "reports.download.tsx": {
    read: ["worker", "admin"],
    ownOrganization: true,
    note: "CSV/XLSX of the report page, same scope and suppression",
    query: "?format=csv",
  },
  "needs._index.tsx": {
    read: ["staff", "admin"],
    ownOrganization: false,
    note:
      "needs.readAggregate: unmet interests as counts only (small cells hidden); the coordinator " +
      "sees every municipality, staff those where their organization runs activities",
  },
  "needs.download.tsx": {
    read: ["staff", "admin"],
    ownOrganization: false,
    note: "CSV of the unmet-interests page, same scope and hidden numbers",
  },
  "participants.$ref_.path.tsx": {
    read: ["worker"],
    write: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    auditsParticipantRead: true,
    note: "path timeline, add and remove steps",
  },
  "participants.$ref_.assessment.tsx": {
    read: ["worker"],
    write: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    auditsParticipantRead: true,
  },
  "follow-up.tsx": {
    read: ["worker"],
    write: ["worker"],
    ownOrganization: true,
    note: "own and unassigned participants without contact for N days; log a contact",
  },
  "pilot._index.tsx": {
    read: ["pilot"],
    write: ["pilot"],
    ownOrganization: true,
    note: "the pilot's own profile and requests",
  },
  "staff.pilots._index.tsx": { read: ["staff"], ownOrganization: true },
  "staff.pilots.new.tsx": { read: ["staff"], write: ["staff"], ownOrganization: true },
  "staff.pilots.applications.tsx": {
    read: ["staff"],
    write: ["staff"],
    ownOrganization: true,
    note: "volunteers' 'become a pilot' messages to the staff's own organization; another's answers 404",
  },
  "staff.pilots.trainings.tsx": {
    read: ["staff", "admin"],
    write: ["staff", "admin"],
    ownOrganization: false,
    note: "training records: staff record their organization's, the coordinator the coordinator's; attendees only from one's own pilots (staff)",
  },
  "staff.pilots.$ref.tsx": {
    read: ["staff"],
    write: ["staff"],
    params: { ref: "pilot" },
    ownOrganization: true,
  },
  "notifications._index.tsx": {
    read: SIGNED_IN,
    write: SIGNED_IN,
    ownOrganization: false,
    note: "the user's own notifications only",
  },
  "invite.$token.tsx": {
    read: EVERYONE,
    write: EVERYONE,
    params: { token: "invitation" },
    ownOrganization: false,
    note: "public: the unguessable token is the authorization; rate-limited per IP",
  },
  "admin.audit.tsx": { read: ["admin"], ownOrganization: false },
  "admin.users.tsx": { read: ["admin"], write: ["admin"], ownOrganization: false },
  "admin.organizations._index.tsx": {
    read: ["admin"],
    write: ["admin"],
    ownOrganization: false,
  },
  "admin.organizations.$ref.tsx": {
    read: ["admin"],
    write: ["admin"],
    params: { ref: "organization" },
    ownOrganization: false,
  },
  "admin.associations.tsx": {
    read: ["admin"],
    write: ["admin"],
    ownOrganization: false,
    note: "associations' applications: the coordinator approves (organization + invitation) or declines",
  },
  "admin.pilots.tsx": {
    read: ["admin"],
    write: ["admin"],
    ownOrganization: false,
    note: "pilot shortage by municipality (aggregates) and the switch 'only trained pilots'",
  },
  "admin.vocabulary._index.tsx": { read: ["admin"], ownOrganization: false },
  "admin.vocabulary.new.tsx": { read: ["admin"], write: ["admin"], ownOrganization: false },
  "admin.vocabulary.$key.tsx": {
    read: ["admin"],
    write: ["admin"],
    params: { key: "vocabulary" },
    ownOrganization: false,
  },
  "dev.mailbox.tsx": {
    read: ["admin"],
    ownOrganization: false,
    note: "development mailbox (SMTP_URL unset)",
  },
  "attendance._index.tsx": {
    read: ["staff", "pilot", "worker", "participant"],
    ownOrganization: true,
    note: "staff, pilots and workers: activities to mark; a participant: their own attendance and path",
  },
  "attendance.$ref.tsx": {
    read: ["staff", "pilot", "worker"],
    write: ["staff", "pilot", "worker"],
    params: { ref: "activity" },
    ownOrganization: true,
    note:
      "one session's sheet; a pilot sees only their own accepted mentees; a worker only their " +
      "organization's participants, at an activity (of any organization) one of them was " +
      "accepted into (the matrix's world has such a referral on the own side); otherwise 404",
  },
  "pilot-proposal.$ref.tsx": {
    read: ["worker"],
    write: ["worker"],
    params: { ref: "participant" },
    ownOrganization: true,
    auditsParticipantRead: true,
    note: "participant to volunteer: a pilot invitation for an organization",
  },
} as const satisfies Record<string, RouteRule>;

export type MatrixRoute = keyof typeof AUTHORIZATION_MATRIX;

export function ruleFor(file: string): RouteRule | undefined {
  return (AUTHORIZATION_MATRIX as Record<string, RouteRule>)[file];
}

/**
 * The URL path of a Remix flat-routes file: `participants.$ref.edit.tsx`
 * → `/participants/:ref/edit`; `_index` and pathless `_layout` segments
 * vanish, a trailing `_` (opt out of the parent layout) is dropped.
 */
export function routePath(file: string, params: Record<string, string> = {}) {
  const segments = file
    .replace(/\.(tsx|ts|jsx|js)$/, "")
    // A dot inside brackets is part of the segment (`robots[.]txt` is /robots.txt).
    .split(/\.(?![^[]*\])/)
    .map((s) => s.replace(/\[([^\]]*)\]/g, "$1"))
    .filter((s) => s !== "_index" && !s.startsWith("_") && s !== "route")
    .map((s) => s.replace(/_$/, ""))
    .map((s) =>
      // A splat (`$` alone, as in api.hsds.$.ts) stands for the rest of the path: its root unless given.
      s === "$"
        ? (params["*"] ?? "")
        : s.startsWith("$")
          ? encodeURIComponent(params[s.slice(1)] ?? `:${s.slice(1)}`)
          : s,
    );
  return `/${segments.join("/")}`;
}
