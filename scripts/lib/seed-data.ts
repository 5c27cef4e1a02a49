import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { fieldErrorsOf } from "#app/infra/forms.ts";
import {
  VocabularySeedSchema,
  type VocabularySeed,
} from "#app/modules/interests/interests-schema.ts";
import { seedVocabulary } from "#app/modules/interests/interests.server.ts";

/**
 * Seed data is data: JSON files under db/seed-data/, read here and
 * validated with the owning module's zod schema before anything is written.
 * Nothing of it is compiled into the app's server bundle.
 */
export function seedDataFile(name: string) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, "../../db/seed-data", name);
}

let vocabulary: VocabularySeed | undefined;

/** db/seed-data/vocabulary.json, validated (read once per process). */
export function readVocabularySeed(): VocabularySeed {
  if (vocabulary) return vocabulary;
  const raw: unknown = JSON.parse(fs.readFileSync(seedDataFile("vocabulary.json"), "utf8"));
  const parsed = VocabularySeedSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = Object.entries(fieldErrorsOf(parsed.error))
      .map(([field, message]) => `${field}: ${message}`)
      .join("\n");
    throw new Error(`db/seed-data/vocabulary.json is invalid:\n${problems}`);
  }
  vocabulary = parsed.data;
  return vocabulary;
}

/** The seed vocabulary into a database that lacks it (entries admins edited are left alone). */
export function seedVocabularyFromFile(db: Db = getDb()) {
  seedVocabulary(readVocabularySeed(), db);
}
