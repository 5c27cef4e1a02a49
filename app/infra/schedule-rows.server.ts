import { jsonResponse } from "./http.server.ts";
import { editScheduleRows, readScheduleEdit, type ScheduleRow } from "./schedule-rows.ts";
import type { FormLike } from "./forms.ts";

/**
 * The schedule editor's add and remove buttons without JavaScript: the form
 * comes back as typed, with a row added or removed, and nothing is saved
 * (200, not an error). Null when the post was not such a button.
 */
export function answerScheduleEdit<V extends { schedule: ScheduleRow[] }>(
  form: Pick<FormLike, "get">,
  values: V,
): Response | null {
  const edit = readScheduleEdit(form);
  if (!edit) return null;
  return jsonResponse({
    fieldErrors: {},
    values: { ...values, schedule: editScheduleRows(values.schedule, edit) },
  });
}
