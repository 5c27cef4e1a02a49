import { z } from "zod";
import { ACTIVITY_KINDS, THRESHOLD_FLAGS } from "#db/schema.ts";
import { AGE_GROUPS, DAY_PARTS } from "./query-understanding.ts";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The public catalog's query string. Unknown parameters are ignored; bad values are field errors. */
export const CatalogSearchSchema = z.object({
  q: z.preprocess(
    emptyToUndefined,
    z.string().trim().max(200, "at most 200 characters").optional(),
  ),
  municipality: z.preprocess(emptyToUndefined, z.string().trim().max(60).optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(ACTIVITY_KINDS).optional()),
  language: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z]{2}$/, "a two-letter language code")
      .optional(),
  ),
  weekdays: z
    .array(z.coerce.number().int().min(1).max(7))
    .max(7)
    .default([])
    .transform((days) => [...new Set(days)].sort()),
  dayParts: z
    .array(z.enum(DAY_PARTS))
    .max(DAY_PARTS.length)
    .default([])
    .transform((parts) => [...new Set(parts)]),
  flags: z.array(z.enum(THRESHOLD_FLAGS)).max(THRESHOLD_FLAGS.length).default([]),
  age: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int("a whole number").min(0).max(120).optional(),
  ),
  ageGroup: z.preprocess(emptyToUndefined, z.enum(AGE_GROUPS).optional()),
  near: z.preprocess(emptyToUndefined, z.string().trim().max(60).optional()),
  /** "1": forget the place remembered from an earlier search. */
  forget: z.preprocess(emptyToUndefined, z.literal("1").optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(1)),
});

export type CatalogSearch = z.infer<typeof CatalogSearchSchema>;

/** The query string's names: `weekday`, `part` and `flag` repeat; `for` is the age group. */
export function searchParamsToObject(params: URLSearchParams) {
  return {
    q: params.get("q"),
    municipality: params.get("municipality"),
    kind: params.get("kind"),
    language: params.get("language"),
    weekdays: params.getAll("weekday").filter((v) => v !== ""),
    dayParts: params.getAll("part").filter((v) => v !== ""),
    flags: params.getAll("flag"),
    age: params.get("age"),
    ageGroup: params.get("for"),
    near: params.get("near"),
    forget: params.get("forget"),
    page: params.get("page"),
  };
}

/** A search as its canonical query string: what the form submits, chips and suggestions link to. */
export type CatalogParams = {
  q?: string;
  municipality?: string;
  kind?: string;
  language?: string;
  weekdays?: number[];
  dayParts?: string[];
  flags?: string[];
  age?: number;
  ageGroup?: string;
  near?: string;
  page?: number;
};

export function catalogHref(p: CatalogParams): string {
  const params = new URLSearchParams();
  if (p.q) params.set("q", p.q);
  if (p.municipality) params.set("municipality", p.municipality);
  if (p.kind) params.set("kind", p.kind);
  if (p.language) params.set("language", p.language);
  for (const d of p.weekdays ?? []) params.append("weekday", String(d));
  for (const d of p.dayParts ?? []) params.append("part", d);
  for (const f of p.flags ?? []) params.append("flag", f);
  if (p.age != null) params.set("age", String(p.age));
  if (p.ageGroup) params.set("for", p.ageGroup);
  if (p.near) params.set("near", p.near);
  if (p.page && p.page > 1) params.set("page", String(p.page));
  const s = params.toString();
  return s ? `/?${s}` : "/";
}
