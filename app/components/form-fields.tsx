import type { FieldErrors } from "#app/infra/forms.ts";
import { FieldError } from "./field-error.tsx";

/**
 * Ids and aria wiring for one form's fields, so that an error line is tied to
 * its input and the first invalid field can be focused. The prefix keeps ids
 * unique when two forms share a page.
 */
export function formFieldHelpers(prefix: string) {
  const fieldId = (name: string) => `${prefix}-${name.replace(/\./g, "-")}`;
  const describe = (errors: FieldErrors, name: string) =>
    errors[name]
      ? { "aria-invalid": true as const, "aria-describedby": `${fieldId(name)}-error` }
      : {};
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
  return { fieldId, describe, TextField };
}
