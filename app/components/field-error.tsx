import { hasMessage } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";

/**
 * A field error's words: a catalog key where the form has its own words; a
 * schema's own text (shared with the JSON API and imports, so in English) only
 * on an English page, else "check this" in the page's language, so no
 * English reaches a Finnish or Swedish screen.
 */
export function useErrorText() {
  const t = useT();
  const lang = useLang();
  return (message: string) =>
    hasMessage(message) ? t(message) : lang === "en" ? message : t("field.check");
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  const text = useErrorText();
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      {text(message)}
    </p>
  );
}
