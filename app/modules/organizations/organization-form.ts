import { formText, type FormLike as FullFormLike } from "#app/infra/forms.ts";
import { hasMessage } from "#app/infra/i18n/i18n.ts";
import { OrganizationFormSchema, type OrganizationFormInput } from "./organization-schema.ts";

type FormLike = Pick<FullFormLike, "get">;

/** What a new organization's form starts with: the column's default in db/schema.ts. */
const DEFAULT_FOLLOW_UP_DAYS = 21;

const FIELDS = ["name", "municipality", "description", "website", "followUpDays"] as const;
export type OrganizationFormValues = Record<(typeof FIELDS)[number], string>;

/** A decimal number as typed; anything else (empty, "abc", "0x10") is NaN so zod rejects it. */
function typedNumber(v: string) {
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
}

/** The admin organization form through the import's schema; messages become catalog keys per field. */
export function readOrganizationForm(
  form: FormLike,
): { ok: true; data: OrganizationFormInput } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = OrganizationFormSchema.safeParse({
    name: formText(form, "name"),
    municipality: formText(form, "municipality"),
    description: formText(form, "description") || null,
    website: formText(form, "website") || null,
    followUpDays: typedNumber(formText(form, "followUpDays")),
  });
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    const key = `admin.error.org.${field}`;
    fieldErrors[field] ??= hasMessage(key) ? key : issue.message;
  }
  return { ok: false, fieldErrors };
}

export function organizationFormValues(
  o: Partial<OrganizationFormInput> | null | undefined,
): OrganizationFormValues {
  return {
    name: o?.name ?? "",
    municipality: o?.municipality ?? "",
    description: o?.description ?? "",
    website: o?.website ?? "",
    followUpDays: String(o?.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS),
  };
}

/** The form as posted, to show it again with its errors. */
export function postedOrganizationValues(form: FormLike): OrganizationFormValues {
  return Object.fromEntries(
    FIELDS.map((f) => [f, String(form.get(f) ?? "")]),
  ) as OrganizationFormValues;
}
