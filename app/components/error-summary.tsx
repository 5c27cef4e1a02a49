import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from "react";
import type { FieldErrors } from "#app/infra/forms.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { useErrorText } from "./field-error.tsx";

/** A field path's element id when a form has no prefix of its own ("schedule.0.end" → "schedule-0-end"). */
export const plainFieldId = (name: string) => name.replace(/\./g, "-");

/** The id of a field's error line, for aria-describedby. */
export const errorIdOf = (id: string) => `${id}-error`;

/**
 * aria-describedby for a field: its hint and, when the field is wrong, its
 * error line (WCAG 3.3.3: the hint is still read next to the error). Spread
 * onto the input; gives nothing when there is neither.
 */
export function describedBy(
  id: string,
  { hint, error }: { hint?: string | false | null; error?: string | false | null },
) {
  const ids = [hint ? hint : null, error ? errorIdOf(id) : null].filter(Boolean);
  return {
    ...(error ? { "aria-invalid": true as const } : {}),
    ...(ids.length > 0 ? { "aria-describedby": ids.join(" ") } : {}),
  };
}

/**
 * The box at the top of every form with mistakes (WCAG 3.3.1): what is wrong,
 * each field error a link to its field. It takes focus whenever a new set of
 * errors arrives (from the server or the browser-side check), so a keyboard
 * or screen-reader user lands on it instead of staying on the button; without
 * JavaScript the server renders the same box and the links still work.
 *
 * `_form` is a message about the whole form (such as "Luotsi is busy, what
 * you entered is kept"); it becomes the box's heading.
 */
export function ErrorSummary({
  errors,
  fieldId = plainFieldId,
}: {
  errors: FieldErrors | null | undefined;
  /** The element id of a field path: the form's own id scheme. */
  fieldId?: (name: string) => string;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const text = useErrorText();
  const entries = Object.entries(errors ?? {}).filter(([k]) => k !== "_form");
  const formMessage = errors?._form;
  const shown = entries.length > 0 || Boolean(formMessage);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [errors, shown]);
  if (!shown) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-title"
    >
      <p className="error-summary-title" id="error-summary-title">
        {formMessage ? text(formMessage) : t("common.formErrors")}
      </p>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([name, message]) => (
            <li key={name}>
              <a href={`#${fieldId(name)}`} onClick={focusField}>
                {text(message)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The link's target may be a group (a fieldset or list of checkboxes): focus
 * its first control, and show its label too, not only the box.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const id = decodeURIComponent(event.currentTarget.hash.slice(1));
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  const control = target.matches("input, select, textarea, button")
    ? target
    : target.querySelector<HTMLElement>("input, select, textarea, button");
  const shownFrom =
    target.closest("fieldset")?.querySelector("legend") ??
    (control?.id ? document.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null) ??
    target;
  (control ?? target).focus({ preventScroll: true });
  shownFrom.scrollIntoView({ block: "start" });
}

type Validate = (form: FormData) => FieldErrors | null;

/**
 * One form's errors: the server's answer, or the browser-side check's when
 * the form has one (the same zod schema the server uses), so a form with
 * mistakes is not sent. Render `<ErrorSummary errors={errors} />` at the top
 * of the form and pass `onSubmit` to it.
 */
export function useFormErrors(
  serverErrors: FieldErrors | null | undefined,
  validate?: Validate,
): { errors: FieldErrors; onSubmit?: (event: FormEvent<HTMLFormElement>) => void } {
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  // A new answer from the server replaces the browser's last check.
  useEffect(() => setClientErrors(null), [serverErrors]);
  const onSubmit = validate
    ? (event: FormEvent<HTMLFormElement>) => {
        const found = validate(new FormData(event.currentTarget));
        setClientErrors(found);
        if (found) event.preventDefault();
      }
    : undefined;
  return { errors: clientErrors ?? serverErrors ?? NO_ERRORS, onSubmit };
}

const NO_ERRORS: FieldErrors = {};
