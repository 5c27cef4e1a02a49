import { THRESHOLD_FLAGS } from "../common/common-schema.ts";
import { formText, splitWords, type FieldErrors, type FormLike } from "#app/infra/forms.ts";
import {
  readScheduleRows,
  inRowOrder,
  readWeeklyRows,
  splitScheduleIssues,
  scheduleRowsOf,
  type ScheduleRow,
} from "#app/infra/schedule-rows.ts";
import { hasMessage } from "#app/infra/i18n/i18n.ts";
import { ActivityInputSchema, type ActivityFields } from "../catalog/activity-schema.ts";
import { PostalCodeSchema, splitPostalCode } from "../places/postal-code.ts";

/**
 * The server's answer for a postal code (placeOfPostalCode); the browser has
 * no code list, so there a well-formed code is taken on trust and the server decides.
 */
export type PostalCodeLookup = (
  code: string,
) => { municipality: string; postTown: string } | undefined;

/**
 * The staff activity form, flat as a browser posts it, turned into the
 * contract's ActivityFields and validated with the same zod schema as the
 * import. Runs in the browser (validate on submit) and on the server
 * (authoritative), so both show the same field errors.
 *
 * Field names: title, description, plainDescription, contentLanguage,
 * interests (comma separated), kind,
 * postalCode, municipality, address, lat, lon (from the map pin, never typed),
 * languages (repeated) + languagesOther,
 * schedule.<row>.weekday / .start / .end (the schedule editor), threshold.<flag>,
 * minAge, maxAge, capacity, enrolled, status, howToJoin, contactName,
 * contactPhone, contactEmail.
 */
export const FORM_LANGUAGES = ["fi", "sv", "en", "ru", "et", "ar", "so", "uk"] as const;

export type { FieldErrors };

/** Empty → null; a number with a comma decimal is fine (Finnish keyboards). */
function optionalNumber(form: FormLike, name: string): number | null {
  const v = formText(form, name).replace(",", ".");
  if (v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

/**
 * The place's postal code, when given, decides the municipality (the
 * municipality list stays for places without one); the stored address keeps
 * its one line, "Kauppatie 4, 59100 Parikkala", so the import and open data
 * formats are unchanged. A code that is not five digits, or that Posti does
 * not know, is a field error.
 */
function readPostalPlace(form: FormLike, fieldErrors: FieldErrors, lookup?: PostalCodeLookup) {
  const street = formText(form, "address");
  const chosen = formText(form, "municipality");
  const raw = formText(form, "postalCode");
  if (!raw) return { municipality: chosen, address: street };
  const code = PostalCodeSchema.safeParse(raw);
  if (!code.success) {
    fieldErrors.postalCode = "places.error.postalCodeFormat";
    return { municipality: chosen || "?", address: street };
  }
  if (!lookup) return { municipality: chosen || "?", address: street };
  const place = lookup(code.data);
  if (!place) {
    fieldErrors.postalCode = "places.error.postalCodeUnknown";
    return { municipality: chosen || "?", address: street };
  }
  const town = `${code.data} ${place.postTown}`;
  return { municipality: place.municipality, address: street ? `${street}, ${town}` : town };
}

/** The checked languages plus any typed into "other languages". */
export function readFormLanguages(form: FormLike) {
  return [
    ...form.getAll("languages").filter((l): l is string => typeof l === "string"),
    ...splitWords(formText(form, "languagesOther")),
  ];
}

/** The schema's path for a field error, as the form's field name (the schedule's: scheduleIssue). */
function formFieldOf(path: PropertyKey[]) {
  const [head, second] = path.map(String);
  if (head === "location") return second ?? "lat";
  if (head === "contact")
    return second === "email" ? "contactEmail" : second === "name" ? "contactName" : "contactPhone";
  if (head === "languages" || head === "interests" || head === "threshold") return head;
  return head ?? "_form";
}

/** A catalog key when the form has its own words for the field, else the schema's message. */
function messageFor(field: string, fallback: string) {
  const key = `staff.error.${field}`;
  return hasMessage(key) ? key : fallback;
}

/** The contact person's fields; none filled is no contact. */
function readContact(form: FormLike) {
  const [name, phone, email] = ["contactName", "contactPhone", "contactEmail"].map(
    (f) => formText(form, f) || null,
  );
  return name || phone || email ? { name, phone, email } : null;
}

export function readActivityForm(
  form: FormLike,
  lookupPostalCode?: PostalCodeLookup,
): { ok: true; data: ActivityFields } | { ok: false; fieldErrors: FieldErrors } {
  const { schedule, rowOf, fieldErrors } = readWeeklyRows(form);
  const place = readPostalPlace(form, fieldErrors, lookupPostalCode);
  const lat = optionalNumber(form, "lat");
  const lon = optionalNumber(form, "lon");
  const languages = readFormLanguages(form);
  const threshold = Object.fromEntries(
    THRESHOLD_FLAGS.map((f) => [f, form.get(`threshold.${f}`) === "on" ? true : null]),
  );
  const candidate = {
    title: formText(form, "title"),
    description: formText(form, "description") || null,
    plainDescription: formText(form, "plainDescription") || null,
    contentLanguage: formText(form, "contentLanguage") || "fi",
    interests: splitWords(formText(form, "interests")),
    kind: formText(form, "kind"),
    municipality: place.municipality,
    location:
      place.address || lat != null || lon != null
        ? { address: place.address || null, lat, lon }
        : null,
    languages,
    schedule,
    threshold,
    minAge: optionalNumber(form, "minAge"),
    maxAge: optionalNumber(form, "maxAge"),
    capacity: optionalNumber(form, "capacity"),
    enrolled: optionalNumber(form, "enrolled") ?? 0,
    status: formText(form, "status") || "open",
    howToJoin: formText(form, "howToJoin") || null,
    contact: readContact(form),
  };
  const parsed = ActivityInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const rows = splitScheduleIssues(parsed.error.issues, rowOf);
    Object.assign(fieldErrors, rows.fieldErrors);
    for (const issue of rows.others) {
      const field = formFieldOf(issue.path);
      fieldErrors[field] ??= messageFor(field, issue.message);
    }
  }
  if (Object.keys(fieldErrors).length > 0 || !parsed.success)
    return { ok: false, fieldErrors: inRowOrder(fieldErrors) };
  return { ok: true, data: parsed.data };
}

/** The form's initial values from stored fields (edit, duplicate) or defaults (new). */
export type ActivityFormValues = {
  title: string;
  description: string;
  plainDescription: string;
  contentLanguage: string;
  interests: string;
  kind: string;
  municipality: string;
  address: string;
  postalCode: string;
  lat: string;
  lon: string;
  languages: string[];
  languagesOther: string;
  schedule: ScheduleRow[];
  threshold: Record<string, boolean>;
  minAge: string;
  maxAge: string;
  capacity: string;
  enrolled: string;
  status: string;
  howToJoin: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
};

/** A stored one-line address as the form's street and postal code fields (the town comes from the code). */
function addressFields(address: string) {
  const { street, postalCode } = splitPostalCode(address);
  return postalCode ? { address: street, postalCode } : { address, postalCode: "" };
}

export function activityFormValues(
  a: Partial<ActivityFields> & {
    address?: string | null;
    lat?: number | null;
    lon?: number | null;
  },
): ActivityFormValues {
  const langs = a.languages ?? ["fi"];
  const str = (n: number | null | undefined) => (n == null ? "" : String(n));
  return {
    title: a.title ?? "",
    description: a.description ?? "",
    plainDescription: a.plainDescription ?? "",
    contentLanguage: a.contentLanguage ?? "fi",
    interests: (a.interests ?? []).join(", "),
    kind: a.kind ?? "group",
    municipality: a.municipality ?? "",
    ...addressFields(a.location?.address ?? a.address ?? ""),
    lat: str(a.location?.lat ?? a.lat),
    lon: str(a.location?.lon ?? a.lon),
    languages: langs.filter((l) => (FORM_LANGUAGES as readonly string[]).includes(l)),
    languagesOther: langs
      .filter((l) => !(FORM_LANGUAGES as readonly string[]).includes(l))
      .join(", "),
    schedule: scheduleRowsOf(a.schedule ?? []),
    threshold: Object.fromEntries(
      Object.entries(a.threshold ?? {}).map(([k, v]) => [k, v === true]),
    ),
    minAge: str(a.minAge),
    maxAge: str(a.maxAge),
    capacity: str(a.capacity),
    enrolled: str(a.enrolled ?? 0),
    status: a.status ?? "open",
    howToJoin: a.howToJoin ?? "",
    contactName: a.contact?.name ?? "",
    contactPhone: a.contact?.phone ?? "",
    contactEmail: a.contact?.email ?? "",
  };
}

/** What the user typed, to show again beside the errors when the form comes back without JS. */
export function activityFormValuesFromForm(form: FormLike): ActivityFormValues {
  const rows = readScheduleRows(form);
  return {
    title: formText(form, "title"),
    description: formText(form, "description"),
    plainDescription: formText(form, "plainDescription"),
    contentLanguage: formText(form, "contentLanguage"),
    interests: formText(form, "interests"),
    kind: formText(form, "kind"),
    municipality: formText(form, "municipality"),
    address: formText(form, "address"),
    postalCode: formText(form, "postalCode"),
    lat: formText(form, "lat"),
    lon: formText(form, "lon"),
    languages: form.getAll("languages").filter((l): l is string => typeof l === "string"),
    languagesOther: formText(form, "languagesOther"),
    schedule: rows.length > 0 ? rows : scheduleRowsOf([]),
    threshold: Object.fromEntries(
      THRESHOLD_FLAGS.map((f) => [f, form.get(`threshold.${f}`) === "on"]),
    ),
    minAge: formText(form, "minAge"),
    maxAge: formText(form, "maxAge"),
    capacity: formText(form, "capacity"),
    enrolled: formText(form, "enrolled"),
    status: formText(form, "status") || "open",
    howToJoin: formText(form, "howToJoin"),
    contactName: formText(form, "contactName"),
    contactPhone: formText(form, "contactPhone"),
    contactEmail: formText(form, "contactEmail"),
  };
}
