import { z } from "zod";
import { todayInFinland } from "../common/common-schema.ts";

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
