import { useState, type FormEvent } from "react";

type Validate = (form: FormData) => Record<string, string> | null;

/**
 * Browser-side check with the same zod schema the server uses: a form with
 * mistakes is not sent, and the first wrong field gets focus. Without JS the
 * server answers the same errors.
 */
export function useFormCheck(validate: Validate, idOf: (field: string) => string) {
  const [errors, setErrors] = useState<Record<string, string> | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const found = validate(new FormData(event.currentTarget));
    setErrors(found);
    if (!found) return;
    event.preventDefault();
    const first = Object.keys(found)[0];
    if (first) document.getElementById(idOf(first))?.focus();
  }
  return { clientErrors: errors, onSubmit };
}
