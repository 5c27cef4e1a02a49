import type { ReactNode } from "react";
import type { FieldErrors } from "#app/infra/forms.ts";
import { FieldError } from "./field-error.tsx";
import { describedBy, errorIdOf } from "./error-summary.tsx";

/**
 * One labelled field of a form whose element ids are its field names: the
 * label, an optional hint, the control and its error line, with the hint and
 * the error tied to the control (WCAG 3.3.3). `control` gets the id, the name
 * and the aria attributes to spread onto the input, select or textarea.
 */
export function Field({
  name,
  label,
  hint,
  error,
  control,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  control: (props: { id: string; name: string } & ReturnType<typeof describedBy>) => ReactNode;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p className="meta" id={hintId}>
          {hint}
        </p>
      ) : null}
      {control({ id: name, name, ...describedBy(name, { hint: hintId, error }) })}
      <FieldError id={errorIdOf(name)} message={error} />
    </div>
  );
}

/**
 * Ids and aria wiring for one form's fields, so that an error line is tied to
 * its input and the first invalid field can be focused. The prefix keeps ids
 * unique when two forms share a page.
 */
export function formFieldHelpers(prefix: string) {
  const fieldId = (name: string) => `${prefix}-${name.replace(/\./g, "-")}`;
  /** aria-invalid and aria-describedby: the field's hint (an element id) and its error line. */
  const describe = (errors: FieldErrors, name: string, hint?: string) =>
    describedBy(fieldId(name), { hint, error: errors[name] });
  /** A labelled text input with its error line. */
  const TextField = ({
    name,
    label,
    defaultValue,
    errors,
    ...props
  }: { name: string; label: string; defaultValue: string; errors: FieldErrors } & Record<
    string,
    unknown
  >) => (
    <div className="field">
      <label htmlFor={fieldId(name)}>{label}</label>
      <input
        id={fieldId(name)}
        name={name}
        type="text"
        defaultValue={defaultValue}
        {...describe(errors, name)}
        {...props}
      />
      <FieldError id={`${fieldId(name)}-error`} message={errors[name]} />
    </div>
  );
  /** Checkboxes for the offered languages, a field for any other, one error line for both. */
  const LanguagesFieldset = ({
    legend,
    options,
    selected,
    otherLabel,
    otherValue,
    errors,
  }: {
    legend: string;
    options: { value: string; label: string }[];
    selected: string[];
    otherLabel: string;
    otherValue: string;
    errors: FieldErrors;
  }) => (
    <fieldset aria-describedby={errors.languages ? `${fieldId("languages")}-error` : undefined}>
      <legend>{legend}</legend>
      <ul className="checkbox-list">
        {options.map((o) => (
          <li key={o.value}>
            <label>
              <input
                type="checkbox"
                name="languages"
                value={o.value}
                defaultChecked={selected.includes(o.value)}
              />
              {o.label}
            </label>
          </li>
        ))}
      </ul>
      <TextField
        name="languagesOther"
        label={otherLabel}
        defaultValue={otherValue}
        errors={errors}
      />
      <FieldError id={`${fieldId("languages")}-error`} message={errors.languages} />
    </fieldset>
  );
  return { fieldId, describe, TextField, LanguagesFieldset };
}
