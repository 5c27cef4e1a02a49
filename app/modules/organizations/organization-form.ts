import { hasMessage } from "#app/infra/i18n/i18n.ts";
import { OrganizationFieldsSchema, type OrganizationFields } from "./organization-schema.ts";

type FormLike = { get(name: string): unknown };

/** The admin organization form through the import's schema; messages become catalog keys per field. */
export function readOrganizationForm(
  form: FormLike,
): { ok: true; data: OrganizationFields } | { ok: false; fieldErrors: Record<string, string> } {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v.trim() : "";
  };
  const parsed = OrganizationFieldsSchema.safeParse({
    name: text("name"),
    municipality: text("municipality"),
    description: text("description") || null,
    website: text("website") || null,
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
  o: Partial<OrganizationFields> | null | undefined,
): Record<"name" | "municipality" | "description" | "website", string> {
  return {
    name: o?.name ?? "",
    municipality: o?.municipality ?? "",
    description: o?.description ?? "",
    website: o?.website ?? "",
  };
}
