import { z } from "zod";
import { dateInFinland } from "#app/infra/finland-time.ts";
import { MAX_SCHEDULE_ROWS } from "#app/infra/schedule-rows.ts";
import {
  THRESHOLD_FLAGS,
  type Threshold,
  type ThresholdFlag,
  type WeeklyWindow,
} from "#db/domain.ts";

/**
 * Shared pieces of the contract's records (docs/import-format.md); every form,
 * the API and the import use them. Pure: no I/O (eslint.config.js).
 */

// The stored values' home is db/domain.ts (the schema stands alone).
export { THRESHOLD_FLAGS, type Threshold, type ThresholdFlag, type WeeklyWindow };

/**
 * What a ref may not hold: control characters, whitespace, quotes, `/` and
 * `\`. Refs go into URLs, file names (exports, calendars) and headers; every
 * ref today's files and the seed use (letters, digits, `-`, `_`, `.`) stays valid.
 */
export const REF_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Z}\s"'`\u2018\u2019\u201c\u201d/\\]/u;

export const RefSchema = z
  .string()
  .trim()
  .min(1, "ref is required")
  .max(100, "ref is at most 100 characters")
  .refine(
    (ref) => !REF_FORBIDDEN.test(ref),
    "ref cannot contain spaces, control characters, quotes, / or \\",
  );

/**
 * A route's `:ref`, or undefined: a malformed ref is as unknown as a missing
 * record, so routes answer both with 404 (`orNotFound(parseRef(params.ref))`).
 */
export function parseRef(ref: unknown): string | undefined {
  const parsed = RefSchema.safeParse(ref);
  return parsed.success ? parsed.data : undefined;
}

export const TimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time must be HH:MM between 00:00 and 23:59");

export const WeeklyWindowSchema = z
  .strictObject({
    weekday: z
      .number()
      .int()
      .min(1, "weekday is 1 (Monday) … 7 (Sunday)")
      .max(7, "weekday is 1 (Monday) … 7 (Sunday)"),
    start: TimeSchema,
    end: TimeSchema,
  })
  .refine((w) => w.end > w.start, { message: "end must be after start", path: ["end"] });

/** As many weekly times as the schedule editor has rows (one bound for both). */
export const ScheduleSchema = z
  .array(WeeklyWindowSchema)
  .max(MAX_SCHEDULE_ROWS, `at most ${MAX_SCHEDULE_ROWS} weekly times`);

export const LanguageCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/, "language must be an ISO 639-1 code such as fi, sv or en");

export const LanguagesSchema = z
  .array(LanguageCodeSchema)
  .min(1, "at least one language")
  .max(20)
  .transform((langs) => [...new Set(langs)]);

export const ThresholdSchema = z.strictObject(
  Object.fromEntries(THRESHOLD_FLAGS.map((f) => [f, z.boolean().nullish()])) as Record<
    (typeof THRESHOLD_FLAGS)[number],
    z.ZodOptional<z.ZodNullable<z.ZodBoolean>>
  >,
);

export const AgeSchema = z
  .number()
  .int("age must be a whole number")
  .min(0, "age cannot be negative")
  .max(120, "age is at most 120");

export const InterestWordsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, "an interest cannot be empty")
      .max(100, "an interest is at most 100 characters"),
  )
  .max(50, "at most 50 interests");

export const IsoDateSchema = z.iso.date("date must be YYYY-MM-DD");

/** Today in Finland's time zone, as YYYY-MM-DD (one cached formatter: building one costs about a database write). */
export function todayInFinland(now = new Date()): string {
  return dateInFinland(now);
}

/** Only the flags that are true, so stored objects stay small and comparable. */
export function compactFlags<T extends string>(
  flags: Partial<Record<T, boolean | null | undefined>> | null | undefined,
) {
  const out: Partial<Record<T, boolean>> = {};
  for (const [k, v] of Object.entries(flags ?? {})) if (v === true) out[k as T] = true;
  return out;
}
