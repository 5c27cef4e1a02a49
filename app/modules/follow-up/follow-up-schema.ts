import { z } from "zod";
import { RefSchema } from "../common/common-schema.ts";
import { PastDateFormSchema } from "../paths/paths-schema.ts";

export const CONTACT_KINDS = ["met", "phone", "message", "no-answer"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const ContactFormSchema = z.object({
  participant: RefSchema,
  kind: z.enum(CONTACT_KINDS, { error: "followUp.error.kind" }),
  date: PastDateFormSchema,
});

export type ContactInput = z.infer<typeof ContactFormSchema>;
