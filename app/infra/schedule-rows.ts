import { formText, type FieldErrors, type FormLike } from "./forms.ts";

/**
 * Weekly times as the one schedule editor posts them (app/components/
 * schedule-editor.tsx): rows `schedule.<i>.weekday`, `.start`, `.end`, each a
 * weekday (1 = Monday … 7 = Sunday) and a start and end time. Every form
 * that takes times (participant, activity, pilot) reads them here; the
 * stored shape is the contract's WeeklyWindow list, checked by each
 * capability's own zod schema (ScheduleSchema), unchanged by the editor.
 */
export type ScheduleRow = { weekday: string; start: string; end: string };

/**
 * As many rows as the contract allows weekly times (ScheduleSchema uses this
 * bound), so editing an imported activity never drops one; also a bound on
 * what a post can ask for.
 */
export const MAX_SCHEDULE_ROWS = 21;

export const emptyScheduleRow = (): ScheduleRow => ({ weekday: "", start: "", end: "" });

export const isEmptyRow = (r: ScheduleRow) => !r.weekday && !r.start && !r.end;

/** The rows as posted, empty ones too (the editor shows them again, e.g. one just added). */
export function readScheduleRows(form: Pick<FormLike, "get">): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  for (let i = 0; i < MAX_SCHEDULE_ROWS; i++) {
    const posted = ["weekday", "start", "end"].some(
      (part) => form.get(`schedule.${i}.${part}`) != null,
    );
    if (!posted) break;
    rows.push({
      weekday: formText(form, `schedule.${i}.weekday`),
      start: formText(form, `schedule.${i}.start`),
      end: formText(form, `schedule.${i}.end`),
    });
  }
  return rows;
}

/** A post from the editor's add or remove button (`scheduleEdit`: "add" or "remove:<i>"), else null. */
export function readScheduleEdit(
  form: Pick<FormLike, "get">,
): { add: true } | { remove: number } | null {
  const edit = formText(form, "scheduleEdit");
  if (edit === "add") return { add: true };
  const remove = /^remove:(\d{1,2})$/.exec(edit);
  return remove ? { remove: Number(remove[1]) } : null;
}

/** The rows after an add or remove; never none (an empty row to fill in). */
export function editScheduleRows(
  rows: ScheduleRow[],
  edit: { add: true } | { remove: number },
): ScheduleRow[] {
  if ("add" in edit) return rows.length >= MAX_SCHEDULE_ROWS ? rows : [...rows, emptyScheduleRow()];
  const left = rows.filter((_, i) => i !== edit.remove);
  return left.length > 0 ? left : [emptyScheduleRow()];
}

export type WeeklyRows = {
  /** The filled rows as weekly windows, for the capability's schema to check (times, order). */
  schedule: { weekday: number; start: string; end: string }[];
  /** `rowOf[n]` is the editor's row of the n-th window, so a schema error names its row. */
  rowOf: number[];
  /** What the form alone can tell: a row without a weekday, a row with one time of two. */
  fieldErrors: FieldErrors;
};

/**
 * The editor's rows as weekly windows: an empty row is left out, a row
 * without a weekday or with only one time is a field error on that row's
 * field (and no window).
 */
export function readWeeklyRows(form: Pick<FormLike, "get">): WeeklyRows {
  const fieldErrors: FieldErrors = {};
  const schedule: WeeklyRows["schedule"] = [];
  const rowOf: number[] = [];
  readScheduleRows(form).forEach((row, i) => {
    if (isEmptyRow(row)) return;
    const weekday = Number(row.weekday);
    if (!/^[1-7]$/.test(row.weekday))
      fieldErrors[`schedule.${i}.weekday`] = "schedule.error.weekday";
    else if (!row.start || !row.end)
      fieldErrors[`schedule.${i}.${row.start ? "end" : "start"}`] = "schedule.error.both";
    else {
      schedule.push({ weekday, start: row.start, end: row.end });
      rowOf.push(i);
    }
  });
  return { schedule, rowOf, fieldErrors };
}

/**
 * A capability schema's issues on the windows read by readWeeklyRows, as the
 * editor's fields and words: `schedule.<row>.<start|end>` "HH:MM" (the time
 * format), `schedule.<row>.end` "the end must be after the start" (the
 * refinement; not said beside a malformed time, which explains it),
 * `schedule` for the list as a whole (too many). `others` are the issues
 * that are not about the schedule, for the form's own mapping.
 */
export function splitScheduleIssues<I extends { path: readonly PropertyKey[]; code: string }>(
  issues: readonly I[],
  rowOf: readonly number[],
): { fieldErrors: FieldErrors; others: I[] } {
  const fieldErrors: FieldErrors = {};
  const others: I[] = [];
  const malformed = new Set<number>();
  const orders: number[] = [];
  for (const issue of issues) {
    const [head, index, part] = issue.path;
    if (head !== "schedule") {
      others.push(issue);
      continue;
    }
    const row = typeof index === "number" ? rowOf[index] : undefined;
    // The list as a whole: more times than the editor has rows (only a crafted post).
    if (row == null) fieldErrors.schedule ??= "schedule.error.tooMany";
    else if (issue.code === "custom") orders.push(row);
    else {
      malformed.add(row);
      fieldErrors[`schedule.${row}.${part === "start" ? "start" : "end"}`] ??=
        "schedule.error.time";
    }
  }
  for (const row of orders)
    if (!malformed.has(row)) fieldErrors[`schedule.${row}.end`] ??= "schedule.error.order";
  return { fieldErrors, others };
}

const PARTS = ["weekday", "start", "end"];

/**
 * A form's field errors with the schedule's in the editor's order (by row,
 * then weekday, start, end), together where the first of them was: the
 * error summary then links to the first bad row first. The rows' own
 * errors and the schema's are found in two passes, so they arrive mixed.
 */
export function inRowOrder(fieldErrors: FieldErrors): FieldErrors {
  const place = (key: string) => {
    const [, row, part] = key.split(".");
    return Number(row) * PARTS.length + Math.max(0, PARTS.indexOf(part ?? ""));
  };
  const rows = Object.keys(fieldErrors)
    .filter((k) => /^schedule\.\d+\./.test(k))
    .sort((a, b) => place(a) - place(b));
  const ordered: FieldErrors = {};
  let placed = false;
  for (const [key, message] of Object.entries(fieldErrors)) {
    if (!rows.includes(key)) ordered[key] = message;
    else if (!placed) {
      placed = true;
      for (const row of rows) ordered[row] = fieldErrors[row]!;
    }
  }
  return ordered;
}

/** Stored windows as the editor's rows (at least one, empty, to fill in). */
export function scheduleRowsOf(
  windows: readonly { weekday: number; start: string; end: string }[],
): ScheduleRow[] {
  const rows = windows.map((w) => ({ weekday: String(w.weekday), start: w.start, end: w.end }));
  return rows.length > 0 ? rows : [emptyScheduleRow()];
}
