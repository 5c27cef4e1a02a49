import { useEffect, useRef, useState } from "react";
import type { FieldErrors } from "#app/infra/forms.ts";
import { weekdayName } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { emptyScheduleRow, MAX_SCHEDULE_ROWS, type ScheduleRow } from "#app/infra/schedule-rows.ts";
import { describedBy } from "./error-summary.tsx";
import { FieldError } from "./field-error.tsx";
import { announce } from "./page-focus.tsx";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * The one weekly-times editor (participant, activity and pilot forms): a
 * fieldset of rows, each a weekday and a start and an end time, with "add a
 * time" and a remove button per row. Field names `schedule.<i>.weekday|start|end`
 * (app/infra/schedule-rows.ts reads them). Without JavaScript the buttons
 * post the form with `scheduleEdit` and the page comes back with the rows
 * changed and nothing saved; with it they change the rows in place, move
 * focus to the new row's weekday (after a removal: to the row that took its
 * place, or the one above) and say what happened through the page's live
 * region. A form with the editor puts <DefaultSubmit /> first (see there).
 * A row wraps onto two lines on a narrow phone: readable at 320 px.
 */
export function ScheduleEditor({
  legend,
  hint,
  rows,
  errors,
  fieldId,
}: {
  legend: string;
  hint?: string;
  rows: ScheduleRow[];
  errors: FieldErrors;
  /** The form's element id of a field name (forms prefix their ids). */
  fieldId: (name: string) => string;
}) {
  const t = useT();
  const lang = useLang();
  const nextKey = useRef(0);
  // `origin` is the row's place when the current errors were found (they name rows by place):
  // its errors stay with it when a row above is removed; a row added since has none.
  const withKeys = (list: ScheduleRow[]) =>
    (list.length > 0 ? list : [emptyScheduleRow()]).map((row, origin) => ({
      row,
      origin: origin as number | null,
      key: nextKey.current++,
    }));
  const [list, setList] = useState(() => withKeys(rows));
  // The row whose weekday takes focus after the next render.
  const [focusTo, setFocusTo] = useState<number | null>(null);
  // New values from the server (an answer to a post): start again from them. New errors
  // (the server's or the browser-side check's): they name the rows as they are now.
  // Compared by content: a form may pass a fresh `{}` or copy of the rows on every render.
  const rowsNow = JSON.stringify(rows);
  const errorsNow = JSON.stringify(errors);
  const [from, setFrom] = useState(rowsNow);
  const [errorsOf, setErrorsOf] = useState(errorsNow);
  if (from !== rowsNow || errorsOf !== errorsNow) {
    const now = from !== rowsNow ? withKeys(rows) : list;
    setFrom(rowsNow);
    setErrorsOf(errorsNow);
    setList(now.map((entry, i) => ({ ...entry, origin: i })));
  }
  const hintId = `${fieldId("schedule")}-hint`;

  useEffect(() => {
    if (focusTo == null) return;
    document.getElementById(fieldId(`schedule.${focusTo}.weekday`))?.focus();
    setFocusTo(null);
  }, [focusTo, fieldId]);

  function add(e: React.MouseEvent) {
    e.preventDefault();
    if (list.length >= MAX_SCHEDULE_ROWS) return;
    setList([...list, { row: emptyScheduleRow(), origin: null, key: nextKey.current++ }]);
    setFocusTo(list.length);
    announce(t("schedule.added", { n: list.length + 1 }));
  }
  function remove(e: React.MouseEvent, index: number) {
    e.preventDefault();
    const left = list.filter((_, i) => i !== index);
    setList(left.length > 0 ? left : withKeys([]));
    // The row that moved up into its place, else the one above (or the fresh empty row).
    setFocusTo(Math.max(0, Math.min(index, left.length - 1)));
    announce(t("schedule.removed", { n: index + 1 }));
  }

  return (
    <fieldset
      className="schedule-editor"
      id={fieldId("schedule")}
      aria-describedby={hint ? hintId : undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="meta" id={hintId}>
          {hint}
        </p>
      ) : null}
      <ol className="schedule-rows">
        {list.map(({ row, origin, key }, i) => {
          const name = (part: string) => `schedule.${i}.${part}`;
          const errorOf = (part: string) =>
            origin == null ? undefined : errors[`schedule.${origin}.${part}`];
          const rowLabel = (
            // Read as "Alkaa (aika 2)": the row in every name, the screen shows it by place.
            <span className="visually-hidden"> ({t("schedule.row", { n: i + 1 })})</span>
          );
          const control = (part: "weekday" | "start" | "end") => ({
            id: fieldId(name(part)),
            name: name(part),
            defaultValue: row[part],
            ...describedBy(fieldId(name(part)), { error: errorOf(part) }),
          });
          const label = (part: "weekday" | "start" | "end") => (
            <label htmlFor={fieldId(name(part))}>
              {t(`schedule.${part}`)}
              {rowLabel}
            </label>
          );
          return (
            <li key={key} className="schedule-row">
              <div className="field schedule-day">
                {label("weekday")}
                <select {...control("weekday")}>
                  <option value="">–</option>
                  {WEEKDAYS.map((d) => (
                    <option key={d} value={d}>
                      {weekdayName(d, lang, "long")}
                    </option>
                  ))}
                </select>
              </div>
              <div className="schedule-times">
                <div className="field">
                  {label("start")}
                  <input type="time" {...control("start")} />
                </div>
                <div className="field">
                  {label("end")}
                  <input type="time" {...control("end")} />
                </div>
                <button
                  type="submit"
                  name="scheduleEdit"
                  value={`remove:${i}`}
                  formNoValidate
                  className="link-button schedule-remove"
                  onClick={(e) => remove(e, i)}
                >
                  {t("schedule.remove")}
                  {rowLabel}
                </button>
              </div>
              {(["weekday", "start", "end"] as const).map((part) => (
                <FieldError
                  key={part}
                  id={`${fieldId(name(part))}-error`}
                  message={errorOf(part)}
                />
              ))}
            </li>
          );
        })}
      </ol>
      {list.length < MAX_SCHEDULE_ROWS ? (
        <button
          type="submit"
          name="scheduleEdit"
          value="add"
          formNoValidate
          className="button"
          onClick={add}
        >
          {t("schedule.add")}
        </button>
      ) : null}
      <FieldError id={`${fieldId("schedule")}-error`} message={errors.schedule} />
    </fieldset>
  );
}

/**
 * The form's own submit, first in the form and out of sight: pressing Enter
 * in a field submits a form with its first submit button, which would
 * otherwise be the schedule editor's "Remove" of the first row. Not a tab
 * stop and hidden from screen readers; the visible submit stays where it is.
 */
export function DefaultSubmit() {
  return (
    <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
      {/* No words needed: nobody sees or hears it. */}
    </button>
  );
}
