import { Form } from "@remix-run/react";
import { THRESHOLD_FLAGS } from "../common/common-schema.ts";
import { GENDERS } from "./participant-schema.ts";
import { FieldError } from "#app/components/field-error.tsx";
import { ErrorSummary, describedBy, plainFieldId } from "#app/components/error-summary.tsx";
import { DefaultSubmit, ScheduleEditor } from "#app/components/schedule-editor.tsx";
import type { ScheduleRow } from "#app/infra/schedule-rows.ts";
import { useT } from "#app/infra/i18n/use-t.ts";

export type ParticipantFormValues = {
  municipality: string;
  /** Only echoed back after an error: the code gives the municipality and is not stored. */
  postalCode?: string;
  gender: string;
  birthYear: number | null;
  languages: string[];
  interests: string[];
  interestText: string | null;
  wantsPilot: boolean;
  needs: Record<string, boolean | undefined>;
  schedule: ScheduleRow[];
  maxDistanceKm: number | null;
  nickname: string | null;
  notes: string | null;
};

const MAIN_LANGUAGES = ["fi", "sv", "en"] as const;

/**
 * The worker's participant form (create and edit). Plain HTML: works without
 * JavaScript; field errors come back from the action keyed by field path.
 */
export function ParticipantFormFields({
  values,
  errors,
  municipalities,
  isNew,
  submitLabel,
}: {
  values: ParticipantFormValues;
  errors: Record<string, string>;
  municipalities: { value: string; label: string }[];
  isNew: boolean;
  submitLabel: string;
}) {
  const t = useT();
  // A field's hint stays in aria-describedby beside its error (WCAG 3.3.3).
  const invalid = (name: string, hint?: string) =>
    describedBy(plainFieldId(name), { hint, error: errors[name] });
  const err = (name: string) => (
    <FieldError id={`${name.replace(/\./g, "-")}-error`} message={errors[name]} />
  );
  const otherLanguages = values.languages.filter(
    (l) => !(MAIN_LANGUAGES as readonly string[]).includes(l),
  );
  return (
    <Form method="post" className="stack" noValidate>
      <DefaultSubmit />
      <ErrorSummary errors={errors} />
      <fieldset className="stack">
        <legend>{t("participants.form.basics")}</legend>
        <div className="field">
          <label htmlFor="nickname">{t("participants.field.nickname")}</label>
          <input
            id="nickname"
            name="nickname"
            type="text"
            autoComplete="off"
            defaultValue={values.nickname ?? ""}
            {...invalid("nickname", "nickname-hint")}
          />
          <p className="meta" id="nickname-hint">
            {t("participants.field.nicknameHint")}
          </p>
          {err("nickname")}
        </div>
        <div className="field">
          <label htmlFor="postalCode">{t("participants.field.postalCode")}</label>
          <input
            id="postalCode"
            name="postalCode"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={5}
            className="postal-code"
            defaultValue={values.postalCode ?? ""}
            {...invalid("postalCode", "postalCode-hint")}
          />
          <p className="meta" id="postalCode-hint">
            {t("participants.field.postalCodeHint")}
          </p>
          {err("postalCode")}
        </div>
        <div className="field">
          <label htmlFor="municipality">{t("participants.field.municipality")}</label>
          <select
            id="municipality"
            name="municipality"
            defaultValue={values.municipality}
            {...invalid("municipality")}
          >
            <option value="">{t("participants.field.choose")}</option>
            {municipalities.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
          {err("municipality")}
        </div>
        <div className="field">
          <label htmlFor="gender">{t("participants.field.gender")}</label>
          <select id="gender" name="gender" defaultValue={values.gender} {...invalid("gender")}>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(`participants.gender.${g}`)}
              </option>
            ))}
          </select>
          {err("gender")}
        </div>
        <div className="field">
          <label htmlFor="birthYear">{t("participants.field.birthYear")}</label>
          <input
            id="birthYear"
            name="birthYear"
            type="number"
            inputMode="numeric"
            min={1900}
            max={new Date().getFullYear()}
            defaultValue={values.birthYear ?? ""}
            {...invalid("birthYear")}
          />
          {err("birthYear")}
        </div>
        <fieldset className="field" id="languages">
          <legend>{t("participants.field.languages")}</legend>
          <ul className="checkbox-list">
            {MAIN_LANGUAGES.map((l) => (
              <li key={l}>
                <label>
                  <input
                    type="checkbox"
                    name="languages"
                    value={l}
                    defaultChecked={values.languages.includes(l)}
                  />{" "}
                  {t(`lang.${l}`)}
                </label>
              </li>
            ))}
          </ul>
          <label htmlFor="otherLanguages">{t("participants.field.otherLanguages")}</label>
          <input
            id="otherLanguages"
            name="otherLanguages"
            type="text"
            defaultValue={otherLanguages.join(", ")}
            {...invalid("languages")}
          />
          {err("languages")}
          {Object.keys(errors)
            .filter((k) => k.startsWith("languages."))
            .slice(0, 1)
            .map((k) => err(k))}
        </fieldset>
      </fieldset>

      <fieldset className="stack">
        <legend>{t("participants.form.interests")}</legend>
        <div className="field">
          <label htmlFor="interests">{t("participants.field.interests")}</label>
          <textarea
            id="interests"
            name="interests"
            rows={2}
            defaultValue={values.interests.join(", ")}
            {...invalid("interests", "interests-hint")}
          />
          <p className="meta" id="interests-hint">
            {t("participants.field.interestsHint")}
          </p>
          {err("interests")}
        </div>
        <div className="field">
          <label htmlFor="interestText">{t("participants.field.interestText")}</label>
          <textarea
            id="interestText"
            name="interestText"
            rows={3}
            defaultValue={values.interestText ?? ""}
            {...invalid("interestText")}
          />
          {err("interestText")}
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="wantsPilot" defaultChecked={values.wantsPilot} />{" "}
            {t("participants.field.wantsPilot")}
          </label>
        </div>
        <fieldset className="field">
          <legend>{t("participants.field.needs")}</legend>
          <ul className="checkbox-list">
            {THRESHOLD_FLAGS.map((f) => (
              <li key={f}>
                <label>
                  <input
                    type="checkbox"
                    name={`needs.${f}`}
                    defaultChecked={values.needs[f] === true}
                  />{" "}
                  {t(`threshold.${f}`)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </fieldset>

      <ScheduleEditor
        legend={t("participants.form.when")}
        hint={t("participants.field.scheduleHint")}
        rows={values.schedule}
        errors={errors}
        fieldId={plainFieldId}
      />
      <fieldset className="stack">
        <legend>{t("participants.form.reach")}</legend>
        <div className="field">
          <label htmlFor="maxDistanceKm">{t("participants.field.maxDistanceKm")}</label>
          <input
            id="maxDistanceKm"
            name="maxDistanceKm"
            type="number"
            inputMode="numeric"
            min={0}
            max={500}
            defaultValue={values.maxDistanceKm ?? ""}
            {...invalid("maxDistanceKm", "maxDistanceKm-hint")}
          />
          <p className="meta" id="maxDistanceKm-hint">
            {t("participants.field.maxDistanceHint")}
          </p>
          {err("maxDistanceKm")}
        </div>
      </fieldset>

      <fieldset className="stack">
        <legend>{t("participants.form.notes")}</legend>
        <p className="notice" id="notes-warning">
          {t("participants.field.notesWarning")}
        </p>
        <div className="field">
          <label htmlFor="notes">{t("participants.field.notes")}</label>
          <textarea
            id="notes"
            name="notes"
            rows={4}
            defaultValue={values.notes ?? ""}
            aria-describedby="notes-warning"
            {...invalid("notes")}
          />
          {err("notes")}
        </div>
      </fieldset>

      {isNew ? (
        <div className="field">
          <label>
            <input type="checkbox" name="consentGiven" /> {t("participants.field.consentGiven")}
          </label>
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
