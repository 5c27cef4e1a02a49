import { useT } from "#app/infra/i18n/use-t.ts";
import { HONEYPOT_FIELD } from "./honeypot.ts";

/**
 * The honeypot of a public form (app/modules/security/honeypot.ts): hidden
 * from people and screen readers, out of the tab order, never autofilled.
 */
export function HoneypotField() {
  const t = useT();
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor={HONEYPOT_FIELD}>{t("honeypot.label")}</label>
      <input
        id={HONEYPOT_FIELD}
        name={HONEYPOT_FIELD}
        type="text"
        tabIndex={-1}
        autoComplete="off"
        defaultValue=""
      />
    </div>
  );
}
