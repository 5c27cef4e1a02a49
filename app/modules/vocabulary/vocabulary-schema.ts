import { z } from "zod";
import { ConceptKeySchema } from "../interests/interests-schema.ts";
import { foldText } from "../interests/normalize.ts";

export { ConceptKeySchema };

/** The admin's vocabulary forms: one concept (create/edit) and a merge of two. */

const Label = (lang: string) =>
  z
    .string()
    .trim()
    .min(1, `vocabulary.error.label.${lang}`)
    .max(80, `vocabulary.error.label.${lang}`);

/** Terms are typed one per line or separated by commas; stored folded (lower case, no punctuation). */
export const TermsSchema = z
  .string()
  .max(5000, "vocabulary.error.terms")
  .transform((s) => [
    ...new Set(
      s
        .split(/[\n,;]+/)
        .map((t) => foldText(t))
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.string().max(80, "vocabulary.error.term")).max(200, "vocabulary.error.terms"));

export const ConceptFormSchema = z.object({
  labelFi: Label("fi"),
  labelSv: Label("sv"),
  labelEn: Label("en"),
  broader: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : null)),
  isCategory: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  terms: TermsSchema.optional().transform((t) => t ?? []),
});

export const NewConceptFormSchema = ConceptFormSchema.extend({ key: ConceptKeySchema });

export const MergeFormSchema = z.object({
  into: z
    .string({ error: "vocabulary.error.mergeTarget" })
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "vocabulary.error.mergeTarget"),
});

export type ConceptForm = z.infer<typeof ConceptFormSchema>;
