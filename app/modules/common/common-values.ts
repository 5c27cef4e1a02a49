/**
 * The contract's shared values without zod (common-schema.ts re-exports
 * them with its schemas; their home is db/domain.ts): what pages show in
 * the browser imports from here, so a page without a form check ships no
 * zod (issue #15).
 */
export {
  THRESHOLD_FLAGS,
  type Threshold,
  type ThresholdFlag,
  type WeeklyWindow,
} from "#db/domain.ts";
