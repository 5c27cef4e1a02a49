import { z } from "zod";
import { RefSchema } from "../common/common-schema.ts";

/**
 * A training event as staff (their organization's) or the coordinator (for
 * all) record it: when, what, who attended. `markTrained` also sets the
 * attendees' training status to "trained" (the step most trainings end in).
 */
export const TrainingFormSchema = z.strictObject({
  date: z.iso.date("training.error.date").refine((d) => d >= "2000-01-01", "training.error.date"),
  topic: z.string().trim().min(1, "training.error.topic").max(120, "training.error.topic"),
  attendees: z.array(RefSchema).min(1, "training.error.attendees").max(200),
  markTrained: z.boolean(),
});
export type TrainingForm = z.infer<typeof TrainingFormSchema>;

/** The posted form as the schema reads it (checkboxes by name, repeated). */
export function trainingFormInput(form: { get(n: string): unknown; getAll(n: string): unknown[] }) {
  const text = (n: string) => (typeof form.get(n) === "string" ? String(form.get(n)).trim() : "");
  return {
    date: text("date"),
    topic: text("topic"),
    attendees: form.getAll("attendees").filter((v): v is string => typeof v === "string"),
    markTrained: form.get("markTrained") === "on",
  };
}
