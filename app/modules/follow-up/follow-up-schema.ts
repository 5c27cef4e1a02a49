import { z } from "zod";
import { CONTACT_KINDS } from "#db/schema.ts";
import { RefSchema } from "../common/common-schema.ts";
import { PastDateFormSchema } from "../paths/paths-schema.ts";

export const ContactFormSchema = z.object({
  participant: RefSchema,
  kind: z.enum(CONTACT_KINDS, { error: "followUp.error.kind" }),
  date: PastDateFormSchema,
});

export type ContactInput = z.infer<typeof ContactFormSchema>;
