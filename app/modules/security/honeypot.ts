/**
 * A field people never see or fill: bots that fill every input give
 * themselves away. The answer to a filled one is the same as to any other
 * rejected form, so a bot learns nothing from it.
 */
export const HONEYPOT_FIELD = "website";

export function isHoneypotFilled(form: Record<string, unknown> | FormData) {
  const value = form instanceof FormData ? form.get(HONEYPOT_FIELD) : form[HONEYPOT_FIELD];
  return typeof value === "string" && value.trim() !== "";
}
