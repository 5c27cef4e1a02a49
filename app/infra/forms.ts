import type { ShouldRevalidateFunction } from "@remix-run/react";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** FormData, or anything that reads like it (tests, the browser-side check). */
export type FormLike = { get(name: string): unknown; getAll(name: string): unknown[] };

/** A posted text field, trimmed; missing or a file → "". */
export function formText(form: Pick<FormLike, "get">, name: string) {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}

/** Words typed into one field, separated by commas, semicolons or lines. */
export function splitWords(value: string) {
  return value
    .split(/[,;\n]/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** Field path → first message, for forms ("schedule.0.end") and JSON APIs alike. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; fieldErrors: FieldErrors } {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, fieldErrors: fieldErrorsOf(result.error) };
}

/**
 * A form page's `shouldRevalidate`: after a save answered "busy" (503) the
 * page keeps what it shows, the form as typed included, instead of
 * reloading its data from a database that may still be busy.
 */
export const keepPageWhenBusy: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => (actionStatus === 503 ? false : defaultShouldRevalidate);
