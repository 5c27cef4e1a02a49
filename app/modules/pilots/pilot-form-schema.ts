import type { WeeklyWindow } from "#db/schema.ts";
import { hasMessage } from "#app/infra/i18n/i18n.ts";
import { FORM_LANGUAGES, splitWords, WEEKDAYS } from "../staff/activity-form-schema.ts";
import { PilotFieldsSchema, type PilotFields } from "./pilot-schema.ts";

/**
 * The pilot profile form (the pilot's own and the staff's), flat as a
 * browser posts it, validated with the contract's PilotFieldsSchema in the
 * browser and on the server. `activeMentees` is read only when staff edit.
 */
type FormLike = { get(name: string): unknown; getAll(name: string): unknown[] };
export type FieldErrors = Record<string, string>;

function text(form: FormLike, name: string) {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}

function optionalNumber(form: FormLike, name: string): number | null {
  const v = text(form, name);
  if (v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

function formFieldOf(path: PropertyKey[], scheduleDays: number[]) {
  const [head, second, third] = path.map(String);
  if (head === "schedule" && second != null) {
    const day = scheduleDays[Number(second)];
    return day ? `schedule.${day}.${third ?? "end"}` : "schedule";
  }
  if (head === "languages" || head === "interests") return head;
  return head ?? "_form";
}

function messageFor(field: string, fallback: string) {
  const base = field.startsWith("schedule.") ? "schedule" : field;
  const key = `pilot.error.${base}`;
  return hasMessage(key) ? key : fallback;
}

export function readPilotForm(
  form: FormLike,
  options: { withActiveMentees: boolean; activeMentees?: number },
): { ok: true; data: PilotFields } | { ok: false; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  const schedule: WeeklyWindow[] = [];
  const scheduleDays: number[] = [];
  for (const weekday of WEEKDAYS) {
    const start = text(form, `schedule.${weekday}.start`);
    const end = text(form, `schedule.${weekday}.end`);
    if (!start && !end) continue;
    if (!start || !end) {
      fieldErrors[`schedule.${weekday}.${start ? "end" : "start"}`] = "staff.error.scheduleBoth";
      continue;
    }
    schedule.push({ weekday, start, end });
    scheduleDays.push(weekday);
  }
  const candidate = {
    displayName: text(form, "displayName"),
    municipality: text(form, "municipality"),
    languages: [
      ...form.getAll("languages").filter((l): l is string => typeof l === "string"),
      ...splitWords(text(form, "languagesOther")),
    ],
    interests: splitWords(text(form, "interests")),
    bio: text(form, "bio") || null,
    capacity: optionalNumber(form, "capacity") ?? NaN,
    activeMentees: options.withActiveMentees
      ? (optionalNumber(form, "activeMentees") ?? 0)
      : (options.activeMentees ?? 0),
    acceptingMentees: form.get("acceptingMentees") === "on",
    schedule,
    trainingCourse: text(form, "trainingCourse") || null,
    trainingDate: text(form, "trainingDate") || null,
  };
  const parsed = PilotFieldsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(issue.path, scheduleDays);
      fieldErrors[field] ??= messageFor(field, issue.message);
    }
  }
  if (Object.keys(fieldErrors).length > 0 || !parsed.success) return { ok: false, fieldErrors };
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
  schedule: Record<number, { start: string; end: string }>;
  trainingCourse: string;
  trainingDate: string;
};

export function pilotFormValues(p: Partial<PilotFields>): PilotFormValues {
  const schedule: PilotFormValues["schedule"] = {};
  for (const w of p.schedule ?? []) schedule[w.weekday] ??= { start: w.start, end: w.end };
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
    schedule,
    trainingCourse: p.trainingCourse ?? "",
    trainingDate: p.trainingDate ?? "",
  };
}

export function pilotFormValuesFromForm(form: FormLike): PilotFormValues {
  const schedule: PilotFormValues["schedule"] = {};
  for (const d of WEEKDAYS) {
    const start = text(form, `schedule.${d}.start`);
    const end = text(form, `schedule.${d}.end`);
    if (start || end) schedule[d] = { start, end };
  }
  return {
    displayName: text(form, "displayName"),
    municipality: text(form, "municipality"),
    languages: form.getAll("languages").filter((l): l is string => typeof l === "string"),
    languagesOther: text(form, "languagesOther"),
    interests: text(form, "interests"),
    bio: text(form, "bio"),
    capacity: text(form, "capacity"),
    activeMentees: text(form, "activeMentees"),
    acceptingMentees: form.get("acceptingMentees") === "on",
    schedule,
    trainingCourse: text(form, "trainingCourse"),
    trainingDate: text(form, "trainingDate"),
  };
}
