import { z } from "zod";
import type { StoredVerdictJson } from "#db/domain.ts";
import { LANGS } from "#app/infra/i18n/i18n.ts";
import type { HardRule } from "./match-rules.ts";

/** docs/interfaces.md: `--limit` / `?limit=` is 1–50 and defaults to 10 per list. */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

export const LimitSchema = z.coerce
  .number({ error: "limit must be a whole number from 1 to 50" })
  .int("limit must be a whole number from 1 to 50")
  .min(1, "limit must be a whole number from 1 to 50")
  .max(MAX_LIMIT, "limit must be a whole number from 1 to 50");

export const ReasonLangSchema = z.enum(LANGS, { error: "lang must be fi, sv or en" });

/** The suggestions API's query string (`?limit=N&lang=fi`); the CLI parses the same fields. */
export const SuggestionsQuerySchema = z.object({
  limit: LimitSchema.default(DEFAULT_LIMIT),
  lang: ReasonLangSchema.default("fi"),
});
export type SuggestionsQuery = z.infer<typeof SuggestionsQuerySchema>;

/** One suggested activity or pilot, exactly as docs/interfaces.md shows it. */
export type Suggestion = { ref: string; score: number; reasons: string[] };

/**
 * The documented JSON (docs/interfaces.md), key for key: the CLI and the API
 * print exactly this. `activities` holds only activities that fit an
 * interest; `others` the open activities within reach that fit none (when
 * fewer than the limit fit), shown apart and never counted as suggestions.
 */
export type Suggestions = {
  participant: string;
  activities: Suggestion[];
  pilots: Suggestion[];
  others: Suggestion[];
};

/** The rulebook's verdict as a referral stores it (referrals.verdict): no fact about the person. */
export type StoredVerdict = StoredVerdictJson<HardRule>;
