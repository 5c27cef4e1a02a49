import { z } from "zod";
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  type ActivityKind,
  type ActivityStatus,
} from "#db/domain.ts";
import {
  AgeSchema,
  InterestWordsSchema,
  LanguageCodeSchema,
  LanguagesSchema,
  RefSchema,
  ScheduleSchema,
  ThresholdSchema,
} from "../common/common-schema.ts";

// Their home is db/domain.ts (the schema stands alone).
export { ACTIVITY_KINDS, ACTIVITY_STATUSES, type ActivityKind, type ActivityStatus };

export const LocationSchema = z
  .strictObject({
    address: z.string().trim().max(200).nullish(),
    lat: z
      .number()
      .min(59, "latitude must be in Finland (59–71)")
      .max(71, "latitude must be in Finland (59–71)")
      .nullish(),
    lon: z
      .number()
      .min(19, "longitude must be in Finland (19–32)")
      .max(32, "longitude must be in Finland (19–32)")
      .nullish(),
  })
  .refine((l) => (l.lat == null) === (l.lon == null), {
    message: "give both lat and lon, or neither",
    path: ["lon"],
  });

/**
 * Whom a newcomer can ask: a name and a phone number or an e-mail address
 * (or both), as the association chooses. Public: shown on the activity page.
 */
export const ContactSchema = z
  .strictObject({
    name: z.string().trim().max(100, "contact.name is at most 100 characters").nullish(),
    phone: z
      .string()
      .trim()
      .regex(
        /^\+?[0-9][0-9 ()-]{4,22}$/,
        "contact.phone must be a phone number such as 040 123 4567",
      )
      .nullish(),
    email: z.email("contact.email must be an e-mail address").max(200).nullish(),
  })
  .refine((c) => c.phone || c.email, {
    message: "give the contact a phone number or an e-mail address",
    path: ["phone"],
  });
export type Contact = z.infer<typeof ContactSchema>;

/** The activity as docs/import-format.md describes it, minus the organization link. */
export const ActivityFieldsSchema = z.strictObject({
  title: z.string().trim().min(1, "title is required").max(120, "title is at most 120 characters"),
  description: z.string().trim().max(4000, "description is at most 4000 characters").nullish(),
  /** The description in plain language (selkokieli, lättläst), shown in the plain-language view. */
  plainDescription: z
    .string()
    .trim()
    .max(2000, "plainDescription is at most 2000 characters")
    .nullish(),
  /** The language title and descriptions are written in; default "fi" (WCAG 3.1.2). */
  contentLanguage: LanguageCodeSchema.nullish(),
  interests: InterestWordsSchema.nullish(),
  kind: z.enum(ACTIVITY_KINDS, { error: `kind must be one of ${ACTIVITY_KINDS.join(", ")}` }),
  municipality: z.string().trim().min(1, "municipality is required").max(60),
  location: LocationSchema.nullish(),
  languages: LanguagesSchema.nullish(),
  schedule: ScheduleSchema.nullish(),
  threshold: ThresholdSchema.nullish(),
  minAge: AgeSchema.nullish(),
  maxAge: AgeSchema.nullish(),
  capacity: z
    .number()
    .int("capacity must be a whole number")
    .min(0, "capacity cannot be negative")
    .max(100000)
    .nullish(),
  enrolled: z
    .number()
    .int("enrolled must be a whole number")
    .min(0, "enrolled cannot be negative")
    .max(100000)
    .nullish(),
  status: z.enum(ACTIVITY_STATUSES, {
    error: `status must be one of ${ACTIVITY_STATUSES.join(", ")}`,
  }),
  /** How to join, in the association's words ("Tule suoraan paikalle", "Soita ensin"). */
  howToJoin: z.string().trim().max(1000, "howToJoin is at most 1000 characters").nullish(),
  contact: ContactSchema.nullish(),
});

function ageOrder<T extends { minAge?: number | null; maxAge?: number | null }>(a: T) {
  return a.minAge == null || a.maxAge == null || a.minAge <= a.maxAge;
}

export const ActivityImportSchema = ActivityFieldsSchema.extend({
  ref: RefSchema,
  organizationRef: RefSchema,
}).refine(ageOrder, { message: "minAge must not exceed maxAge", path: ["maxAge"] });

export type ActivityImport = z.infer<typeof ActivityImportSchema>;
export type ActivityFields = z.infer<typeof ActivityFieldsSchema>;

export const ActivityInputSchema = ActivityFieldsSchema.refine(ageOrder, {
  message: "minAge must not exceed maxAge",
  path: ["maxAge"],
});
