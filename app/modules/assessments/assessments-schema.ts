import { z } from "zod";
import { PastDateFormSchema } from "../paths/paths-schema.ts";

import { ASSESSMENT_PHASES } from "#db/domain.ts";

export { ASSESSMENT_PHASES };

export const ASSESSMENT_MEASURES = [
  "workAbility",
  "mentalWellbeing",
  "socialParticipation",
  "physicalFunctioning",
  "competence",
  "everydayLife",
] as const;
export type AssessmentMeasure = (typeof ASSESSMENT_MEASURES)[number];

/** A whole number 0–10 from a form field ("" is missing, "7.5" and "11" are wrong). */
const ScoreSchema = z.preprocess(
  (v) => (v === "" || v == null ? undefined : typeof v === "string" ? Number(v) : v),
  z
    .number({ error: "assessment.error.score" })
    .int({ error: "assessment.error.score" })
    .min(0, { error: "assessment.error.score" })
    .max(10, { error: "assessment.error.score" }),
);

export const AssessmentFormSchema = z.object({
  phase: z.enum(ASSESSMENT_PHASES, { error: "assessment.error.phase" }),
  date: PastDateFormSchema,
  ...(Object.fromEntries(ASSESSMENT_MEASURES.map((m) => [m, ScoreSchema])) as Record<
    AssessmentMeasure,
    typeof ScoreSchema
  >),
});

export type AssessmentInput = z.infer<typeof AssessmentFormSchema>;
