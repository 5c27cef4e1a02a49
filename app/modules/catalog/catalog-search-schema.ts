import { z } from "zod";
import { ACTIVITY_KINDS } from "./activity-schema.ts";
import { THRESHOLD_FLAGS } from "../common/common-schema.ts";

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
  weekday: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(7).optional()),
  flags: z.array(z.enum(THRESHOLD_FLAGS)).max(THRESHOLD_FLAGS.length).default([]),
  age: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int("a whole number").min(0).max(120).optional(),
  ),
  near: z.preprocess(emptyToUndefined, z.string().trim().max(60).optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(1)),
});

export type CatalogSearch = z.infer<typeof CatalogSearchSchema>;

export function searchParamsToObject(params: URLSearchParams) {
  return {
    q: params.get("q"),
    municipality: params.get("municipality"),
    kind: params.get("kind"),
    language: params.get("language"),
    weekday: params.get("weekday"),
    flags: params.getAll("flag"),
    age: params.get("age"),
    near: params.get("near"),
    page: params.get("page"),
  };
}
