/**
 * An activity's kinds and statuses without zod (activity-schema.ts
 * re-exports them with its schemas; their home is db/domain.ts): what pages
 * show in the browser imports from here, so a page without a form check
 * ships no zod (issue #15).
 */
export {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  type ActivityKind,
  type ActivityStatus,
} from "#db/domain.ts";
