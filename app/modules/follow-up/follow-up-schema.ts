import { z } from "zod";
import { RefSchema } from "../common/common-schema.ts";
import { PastDateFormSchema } from "../paths/paths-schema.ts";

import { CONTACT_KINDS, type ContactKind } from "#db/domain.ts";

export { CONTACT_KINDS, type ContactKind };

export const ContactFormSchema = z.object({
  participant: RefSchema,
  kind: z.enum(CONTACT_KINDS, { error: "followUp.error.kind" }),
  date: PastDateFormSchema,
});

export type ContactInput = z.infer<typeof ContactFormSchema>;
