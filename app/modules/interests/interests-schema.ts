import { z } from "zod";

/** A concept's or category's key: kebab-case ASCII, e.g. "fishing". */
export const ConceptKeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "vocabulary.error.key")
  .max(60, "vocabulary.error.key");

const SeedLabel = z.string().trim().min(1).max(80);

/**
 * The seed vocabulary (db/seed-data/vocabulary.json): what people say they
 * like, mapped to concepts with Finnish, Swedish and English labels and a
 * broader category. `terms` are other words people type for a concept (any
 * of fi/sv/en), lower case and in base form: normalize.ts handles Finnish
 * inflection, derivation and compounds itself. Checked whole when seeded.
 */
export const VocabularySeedSchema = z
  .strictObject({
    categories: z.array(
      z.strictObject({ key: ConceptKeySchema, fi: SeedLabel, sv: SeedLabel, en: SeedLabel }),
    ),
    concepts: z.array(
      z.strictObject({
        key: ConceptKeySchema,
        fi: SeedLabel,
        sv: SeedLabel,
        en: SeedLabel,
        category: ConceptKeySchema,
        terms: z.array(z.string().trim().min(1).max(80)),
      }),
    ),
  })
  .superRefine((seed, ctx) => {
    const categories = new Set(seed.categories.map((c) => c.key));
    const seen = new Set<string>();
    seed.concepts.forEach((c, i) => {
      // Concepts and categories share one table: a key names one of them only.
      if (categories.has(c.key) || seen.has(c.key))
        ctx.addIssue({ code: "custom", path: ["concepts", i, "key"], message: "duplicate key" });
      if (!categories.has(c.category))
        ctx.addIssue({
          code: "custom",
          path: ["concepts", i, "category"],
          message: "unknown category",
        });
      seen.add(c.key);
    });
  });

export type VocabularySeed = z.infer<typeof VocabularySeedSchema>;
