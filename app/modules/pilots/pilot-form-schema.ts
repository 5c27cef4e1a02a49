import { hasMessage } from "#app/infra/i18n/i18n.ts";
import { formText, splitWords, type FieldErrors, type FormLike } from "#app/infra/forms.ts";
import {
  readScheduleRows,
  inRowOrder,
  readWeeklyRows,
  splitScheduleIssues,
  scheduleRowsOf,
  type ScheduleRow,
} from "#app/infra/schedule-rows.ts";
import { FORM_LANGUAGES, readFormLanguages } from "../staff/activity-form-schema.ts";
import { PilotFieldsSchema, type PilotFields, type PilotTrainingStatus } from "./pilot-schema.ts";

/**
 * The pilot profile form (the pilot's own and the staff's), flat as a
 * browser posts it, validated with the contract's PilotFieldsSchema in the
 * browser and on the server. `activeMentees` is read only when staff edit.
 */
export type { FieldErrors };

function optionalNumber(form: FormLike, name: string): number | null {
  const v = formText(form, name);
  if (v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

/** The schema's path for a field error, as the form's field name (the schedule's: scheduleIssue). */
function formFieldOf(path: PropertyKey[]) {
  const [head] = path.map(String);
  if (head === "languages" || head === "interests") return head;
  return head ?? "_form";
}

function messageFor(field: string, fallback: string) {
  const key = `pilot.error.${field}`;
  return hasMessage(key) ? key : fallback;
}

export function readPilotForm(
  form: FormLike,
  options: {
    withActiveMentees: boolean;
    activeMentees?: number;
    /** Set when the form has no "accepting" box: the stored value (the pilot's own switch) is kept. */
    acceptingMentees?: boolean;
    /** Set on the pilot's own form (staff set the training status): the stored value is kept. */
    trainingStatus?: PilotTrainingStatus;
  },
): { ok: true; data: PilotFields } | { ok: false; fieldErrors: FieldErrors } {
  // The schedule editor's rows; an error names the row it came from.
  const { schedule, rowOf, fieldErrors } = readWeeklyRows(form);
  const candidate = {
    displayName: formText(form, "displayName"),
    municipality: formText(form, "municipality"),
    languages: readFormLanguages(form),
    interests: splitWords(formText(form, "interests")),
    bio: formText(form, "bio") || null,
    capacity: optionalNumber(form, "capacity") ?? NaN,
    activeMentees: options.withActiveMentees
      ? (optionalNumber(form, "activeMentees") ?? 0)
      : (options.activeMentees ?? 0),
    acceptingMentees: options.acceptingMentees ?? form.get("acceptingMentees") === "on",
    schedule,
    trainingStatus: options.trainingStatus ?? (formText(form, "trainingStatus") || undefined),
    trainingCourse: formText(form, "trainingCourse") || null,
    trainingDate: formText(form, "trainingDate") || null,
  };
  const parsed = PilotFieldsSchema.safeParse(candidate);
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

export type PilotFormValues = {
  displayName: string;
  municipality: string;
  languages: string[];
  languagesOther: string;
  interests: string;
  bio: string;
  capacity: string;
  activeMentees: string;
  acceptingMentees: boolean;
  schedule: ScheduleRow[];
  trainingStatus: string;
  trainingCourse: string;
  trainingDate: string;
};

export function pilotFormValues(p: Partial<PilotFields>): PilotFormValues {
  const langs = p.languages ?? ["fi"];
  const known = FORM_LANGUAGES as readonly string[];
  return {
    displayName: p.displayName ?? "",
    municipality: p.municipality ?? "",
    languages: langs.filter((l) => known.includes(l)),
    languagesOther: langs.filter((l) => !known.includes(l)).join(", "),
    interests: (p.interests ?? []).join(", "),
    bio: p.bio ?? "",
    capacity: p.capacity == null ? "" : String(p.capacity),
    activeMentees: String(p.activeMentees ?? 0),
    acceptingMentees: p.acceptingMentees ?? false,
    schedule: scheduleRowsOf(p.schedule ?? []),
    trainingStatus: p.trainingStatus ?? "trained",
    trainingCourse: p.trainingCourse ?? "",
    trainingDate: p.trainingDate ?? "",
  };
}

export function pilotFormValuesFromForm(form: FormLike): PilotFormValues {
  const rows = readScheduleRows(form);
  return {
    displayName: formText(form, "displayName"),
    municipality: formText(form, "municipality"),
    languages: form.getAll("languages").filter((l): l is string => typeof l === "string"),
    languagesOther: formText(form, "languagesOther"),
    interests: formText(form, "interests"),
    bio: formText(form, "bio"),
    capacity: formText(form, "capacity"),
    activeMentees: formText(form, "activeMentees"),
    acceptingMentees: form.get("acceptingMentees") === "on",
    schedule: rows.length > 0 ? rows : scheduleRowsOf([]),
    trainingStatus: formText(form, "trainingStatus"),
    trainingCourse: formText(form, "trainingCourse"),
    trainingDate: formText(form, "trainingDate"),
  };
}
