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
