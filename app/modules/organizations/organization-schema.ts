import { z } from "zod";
import { RefSchema } from "../common/common-schema.ts";

export const OrganizationFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, "name is required").max(200, "name is at most 200 characters"),
  municipality: z.string().trim().min(1, "municipality is required").max(60),
  description: z.string().trim().max(2000, "description is at most 2000 characters").nullish(),
  website: z
    .url({ protocol: /^https?$/, error: "website must be an http(s) address" })
    .max(300)
    .nullish(),
});

export const OrganizationImportSchema = OrganizationFieldsSchema.extend({ ref: RefSchema });

/** Days without contact before a participant is on the follow-up list. */
export const FollowUpDaysSchema = z
  .number({ error: "follow-up days must be a number" })
  .int("follow-up days must be a whole number")
  .min(1, "follow-up days is at least 1")
  .max(365, "follow-up days is at most 365");

/** The admin form: the import's fields plus settings that only a coordinator sets (not in the import file). */
export const OrganizationFormSchema = OrganizationFieldsSchema.extend({
  followUpDays: FollowUpDaysSchema,
});

export type OrganizationFields = z.infer<typeof OrganizationFieldsSchema>;
export type OrganizationImport = z.infer<typeof OrganizationImportSchema>;
export type OrganizationFormInput = z.infer<typeof OrganizationFormSchema>;
