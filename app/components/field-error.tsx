import { useEffect, useRef } from "react";
import { hasMessage } from "#app/infra/i18n/i18n.ts";
import { useT } from "#app/infra/i18n/use-t.ts";

/** Messages are catalog keys where the form has its own words, else the schema's text. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  const t = useT();
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      {hasMessage(message) ? t(message) : message}
    </p>
  );
}

/**
 * The alert at the top of a form with errors: the form-level message when
 * there is one (such as "Luotsi is busy, what you entered is kept"), else
 * "check the marked fields".
 */
export function FormAlert({ errors }: { errors: Record<string, string> | null | undefined }) {
  const t = useT();
  const ref = useRef<HTMLParagraphElement>(null);
  const message = errors?._form;
  // A message about the whole form is at its top, far from the button just pressed: go there.
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [errors, message]);
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <p className="form-error" role="alert" ref={ref} tabIndex={-1}>
      {message ? (hasMessage(message) ? t(message) : message) : t("common.formErrors")}
    </p>
  );
}
