import { z } from "zod";
import { LANGS } from "#app/infra/i18n/i18n.ts";

/**
 * The HSDS API's query parameters. Unknown parameters are errors, not
 * ignored: a client that asks for a filter we do not have must not get an
 * unfiltered list back as if it were filtered.
 */
export const HSDS_MAX_PER_PAGE = 100;
export const HSDS_DEFAULT_PER_PAGE = 50;

const booleanParam = z
  .enum(["true", "false"], { error: "true or false" })
  .transform((v) => v === "true");
const uuidParam = z.uuid({ error: "a UUID" });

const common = {
  page: z.coerce
    .number({ error: "a whole number from 1" })
    .int("a whole number from 1")
    .min(1, "a whole number from 1")
    .max(1_000_000, "at most 1000000")
    .default(1),
  per_page: z.coerce
    .number({ error: `a whole number from 1 to ${HSDS_MAX_PER_PAGE}` })
    .int(`a whole number from 1 to ${HSDS_MAX_PER_PAGE}`)
    .min(1, `a whole number from 1 to ${HSDS_MAX_PER_PAGE}`)
    .max(HSDS_MAX_PER_PAGE, `at most ${HSDS_MAX_PER_PAGE}`)
    .default(HSDS_DEFAULT_PER_PAGE),
  format: z.literal("json", { error: "only json is served" }).optional(),
  search: z.string().trim().min(1, "not empty").max(200, "at most 200 characters").optional(),
  /** Not HSDS: the language of the texts Luotsi itself writes (term names, derived descriptions). */
  lang: z.enum(LANGS, { error: LANGS.join(", ") }).default("fi"),
};

const serviceFilters = {
  taxonomy_term_id: uuidParam.optional(),
  taxonomy_id: uuidParam.optional(),
  organization_id: uuidParam.optional(),
  modified_after: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: "an ISO 8601 date or date-time",
    })
    .optional(),
  full: booleanParam.optional(),
};

export const ServicesQuerySchema = z.strictObject({
  ...common,
  ...serviceFilters,
  minimal: booleanParam.optional(),
});

export const ServiceAtLocationsQuerySchema = z
  .strictObject({
    ...common,
    ...serviceFilters,
    postcode: z
      .string()
      .regex(/^\d{5}$/, "a Finnish postcode of five digits")
      .optional(),
    proximity: z.coerce
      .number({ error: "metres, a whole number" })
      .int("metres, a whole number")
      .min(0, "at least 0")
      .max(1_500_000, "at most 1500000")
      .optional(),
  })
  .refine((q) => q.proximity == null || q.postcode != null, {
    message: "proximity is measured from a postcode: give postcode too",
    path: ["proximity"],
  });

export const OrganizationsQuerySchema = z.strictObject({
  ...common,
  full: booleanParam.optional(),
  full_service: booleanParam.optional(),
});

export const TaxonomiesQuerySchema = z.strictObject(common);

export const TaxonomyTermsQuerySchema = z.strictObject({
  ...common,
  taxonomy_id: uuidParam.optional(),
  parent_id: uuidParam.optional(),
  top_only: booleanParam.optional(),
});

/** Detail endpoints take only the language (and format, which HSDS lets any endpoint carry). */
export const DetailQuerySchema = z.strictObject({ lang: common.lang, format: common.format });

export type ServicesQuery = z.infer<typeof ServicesQuerySchema>;
export type ServiceAtLocationsQuery = z.infer<typeof ServiceAtLocationsQuerySchema>;
export type OrganizationsQuery = z.infer<typeof OrganizationsQuerySchema>;
export type TaxonomyTermsQuery = z.infer<typeof TaxonomyTermsQuerySchema>;
