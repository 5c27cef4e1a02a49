import { z } from "zod";
import {
  END_REASONS,
  ONWARD_PATHS,
  PATH_STEPS,
  STEP_SOURCES,
  type EndReason,
  type OnwardPath,
  type PathStepKind,
  type StepSource,
} from "#db/domain.ts";
import { todayInFinland } from "../common/common-schema.ts";

// The path's stored values; their home is db/domain.ts (the schema stands alone).
export {
  END_REASONS,
  ONWARD_PATHS,
  PATH_STEPS,
  STEP_SOURCES,
  type EndReason,
  type OnwardPath,
  type PathStepKind,
  type StepSource,
};

/** The ladder in order: a later rung's first step is never dated before an earlier rung's first step. */
export const LADDER: readonly PathStepKind[] = PATH_STEPS;

export function rungOf(step: PathStepKind) {
  return LADDER.indexOf(step);
}

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * A calendar day (YYYY-MM-DD) that is not after today in Finland. Messages are
 * catalog keys, shown in the reader's language by FieldError.
 */
export const PastDateFormSchema = z.preprocess(
  blankToUndefined,
  z.iso
    .date({ error: "paths.error.date" })
    .refine((d) => d <= todayInFinland(), { message: "paths.error.future" }),
);

/** One path step as a worker records it. */
export const PathStepFormSchema = z
  .object({
    step: z.enum(PATH_STEPS, { error: "paths.error.step" }),
    date: PastDateFormSchema,
    onwardPath: z.preprocess(
      blankToUndefined,
      z.enum(ONWARD_PATHS, { error: "paths.error.onwardPath" }).optional(),
    ),
    endReason: z.preprocess(
      blankToUndefined,
      z.enum(END_REASONS, { error: "paths.error.endReason" }).optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.step === "onward" && !v.onwardPath)
      ctx.addIssue({ code: "custom", path: ["onwardPath"], message: "paths.error.onwardPath" });
    if (v.step !== "onward" && v.onwardPath)
      ctx.addIssue({ code: "custom", path: ["onwardPath"], message: "paths.error.onwardOnly" });
    if (v.step === "ended" && !v.endReason)
      ctx.addIssue({ code: "custom", path: ["endReason"], message: "paths.error.endReason" });
    if (v.step !== "ended" && v.endReason)
      ctx.addIssue({ code: "custom", path: ["endReason"], message: "paths.error.endedOnly" });
  });

export type PathStepInput = z.infer<typeof PathStepFormSchema>;

export const PathPageActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add") }).passthrough(),
  z.object({
    intent: z.literal("remove"),
    stepId: z.coerce.number({ error: "paths.error.step" }).int().positive(),
  }),
]);
