/**
 * An activity's kinds and statuses without their zod schemas
 * (activity-schema.ts re-exports them): what pages show in the browser
 * imports from here, so a page without a form check ships no zod.
 */

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
