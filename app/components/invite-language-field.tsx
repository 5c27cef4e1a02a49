import { isLocale, LOCALES, type Locale } from "#app/infra/i18n/i18n.ts";
import { describedBy } from "#app/components/error-summary.tsx";
import { useT } from "#app/infra/i18n/use-t.ts";
import { FieldError } from "./field-error.tsx";

/**
 * The language of a participant's invitation: the mail is written in it and
 * the link opens the pages in it (issue #16). Starts at the participant's
 * first language that Luotsi speaks.
 */
export function InviteLanguageField({
  participantLanguages,
  error,
}: {
  participantLanguages: string[];
  error?: string;
}) {
  const t = useT();
  const preferred: Locale = participantLanguages.find(isLocale) ?? "fi";
  return (
    <div className="field">
      <label htmlFor="invite-language">{t("participants.invite.language")}</label>
      <select
        id="invite-language"
        name="language"
        defaultValue={preferred}
        {...describedBy("invite-language", { error: error })}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`locale.${l}`)}
          </option>
        ))}
      </select>
      <FieldError id="invite-language-error" message={error} />
    </div>
  );
}
