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

export type OrganizationFields = z.infer<typeof OrganizationFieldsSchema>;
export type OrganizationImport = z.infer<typeof OrganizationImportSchema>;
