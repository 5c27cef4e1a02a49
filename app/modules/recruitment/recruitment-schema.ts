import { z } from "zod";
import { RefSchema } from "../common/common-schema.ts";
import { FORM_LANGUAGES } from "../staff/activity-form-schema.ts";

/**
 * The public forms of issue #17: "become a pilot" (a volunteer's interest
 * to an association) and an association's application to join. Messages
 * are catalog keys: the forms are shown in Finnish, Swedish and English.
 */

const text = (max: number, error: string) => z.string().trim().max(max, error);

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "join.error.email")
  .max(254, "join.error.email")
  .pipe(z.email("join.error.email"));

/** Optional; digits, spaces, +, - and brackets (people write numbers many ways). */
export const PhoneSchema = z
  .string()
  .trim()
  .max(30, "join.error.phone")
  .regex(/^[+0-9 ()-]*$/, "join.error.phone")
  .refine((v) => v === "" || v.replace(/\D/g, "").length >= 5, "join.error.phone")
  .transform((v) => v || null);

export const PilotApplicationFormSchema = z.strictObject({
  organizationRef: z.string().trim().min(1, "join.error.organization").pipe(RefSchema),
  name: text(80, "join.error.name").min(1, "join.error.name"),
  email: EmailSchema,
  phone: PhoneSchema,
  municipality: text(60, "join.error.municipality").min(1, "join.error.municipality"),
  languages: z
    .array(z.enum(FORM_LANGUAGES, { error: "join.error.languages" }))
    .min(1, "join.error.languages")
    .max(FORM_LANGUAGES.length, "join.error.languages")
    .transform((l) => [...new Set(l)]),
  message: text(1000, "join.error.message").transform((v) => v || null),
});
export type PilotApplicationForm = z.infer<typeof PilotApplicationFormSchema>;

type FormLike = { get(n: string): unknown; getAll(n: string): unknown[] };
const field = (form: FormLike, n: string) => {
  const v = form.get(n);
  return typeof v === "string" ? v : "";
};

/** The posted form as the schema reads it; any field not in the form is left out (strict). */
export function pilotApplicationInput(form: FormLike) {
  return {
    organizationRef: field(form, "organizationRef"),
    name: field(form, "name"),
    email: field(form, "email"),
    phone: field(form, "phone"),
    municipality: field(form, "municipality"),
    languages: form.getAll("languages").filter((v): v is string => typeof v === "string"),
    message: field(form, "message"),
  };
}

export const HandleApplicationFormSchema = z.strictObject({
  id: z.coerce.number().int().positive(),
});

/** An association's application to join (issue #17, part 4). */
export const AssociationApplicationFormSchema = z.strictObject({
  name: text(120, "join.error.associationName").min(2, "join.error.associationName"),
  municipality: text(60, "join.error.municipality").min(1, "join.error.municipality"),
  contactName: text(80, "join.error.name").min(1, "join.error.name"),
  email: EmailSchema,
  phone: PhoneSchema,
  activities: text(2000, "join.error.activities").min(10, "join.error.activities"),
});
export type AssociationApplicationForm = z.infer<typeof AssociationApplicationFormSchema>;

/** The posted association form as the schema reads it (strict: other fields are left out). */
export function associationApplicationInput(form: FormLike) {
  return {
    name: field(form, "name"),
    municipality: field(form, "municipality"),
    contactName: field(form, "contactName"),
    email: field(form, "email"),
    phone: field(form, "phone"),
    activities: field(form, "activities"),
  };
}

/** The coordinator's decision on one association's application. */
export const DecideAssociationFormSchema = z.strictObject({
  id: z.coerce.number().int().positive(),
  intent: z.enum(["approve", "decline"]),
});
