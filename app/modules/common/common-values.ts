/**
 * The contract's shared values without their zod schemas
 * (common-schema.ts re-exports them): what pages show in the browser
 * imports from here, so a page without a form check ships no zod.
 */

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

/** A weekly time: weekday 1 = Monday … 7 = Sunday, HH:MM start and end. */
export type WeeklyWindow = { weekday: number; start: string; end: string };
