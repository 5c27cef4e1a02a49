import { Form } from "@remix-run/react";
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from "../catalog/activity-schema.ts";
import { THRESHOLD_FLAGS } from "../common/common-schema.ts";
import { FieldError } from "#app/components/field-error.tsx";
import { ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { formFieldHelpers } from "#app/components/form-fields.tsx";
import { languageName } from "#app/infra/i18n/i18n.ts";
import { DefaultSubmit, ScheduleEditor } from "#app/components/schedule-editor.tsx";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { PlacePicker } from "./place-picker.tsx";
import {
  FORM_LANGUAGES,
  readActivityForm,
  type ActivityFormValues,
  type FieldErrors,
} from "./activity-form-schema.ts";

const { fieldId, describe, TextField, LanguagesFieldset } = formFieldHelpers("f");

/**
 * Every contract field of an activity. Works as a plain form; with JS the
 * same schema as the server checks it before sending, so mistakes show at once.
 */
export function ActivityForm({
  values,
  municipalities,
  serverErrors,
  submitLabel,
  showStatus,
  enrolledLoaded,
}: {
  values: ActivityFormValues;
  municipalities: { value: string; label: string; lat: number; lon: number }[];
  serverErrors?: FieldErrors;
  submitLabel: string;
  showStatus: boolean;
  enrolledLoaded?: string;
}) {
  const t = useT();
  const lang = useLang();
  const { errors, onSubmit } = useFormErrors(serverErrors, (form) => {
    const result = readActivityForm(form);
    return result.ok ? null : result.fieldErrors;
  });
  // A field with a hint: the hint always, the error line too when there is one.
  const describeWithHint = (name: string) => describe(errors, name, `${fieldId(name)}-hint`);
  const text = (
    name: keyof ActivityFormValues,
    label: string,
    props: Record<string, unknown> = {},
  ) => (
    <TextField
      name={name}
      label={label}
      defaultValue={values[name] as string}
      errors={errors}
      {...props}
    />
  );

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="save" />
      <DefaultSubmit />
      <ErrorSummary errors={errors} fieldId={fieldId} />
      {text("title", t("staff.field.title"), { required: true, maxLength: 120 })}
      <div className="field">
        <label htmlFor={fieldId("description")}>{t("staff.field.description")}</label>
        <textarea
          id={fieldId("description")}
          name="description"
          defaultValue={values.description}
          {...describe(errors, "description")}
        />
        <FieldError id={`${fieldId("description")}-error`} message={errors.description} />
      </div>
      <div className="field">
        <label htmlFor={fieldId("contentLanguage")}>{t("staff.field.contentLanguage")}</label>
        <select
          id={fieldId("contentLanguage")}
          name="contentLanguage"
          defaultValue={values.contentLanguage || "fi"}
          {...describeWithHint("contentLanguage")}
        >
          {[
            ...FORM_LANGUAGES,
            // An imported activity may be written in a language the list lacks: keep it.
            ...(values.contentLanguage &&
            !(FORM_LANGUAGES as readonly string[]).includes(values.contentLanguage)
              ? [values.contentLanguage]
              : []),
          ].map((l) => (
            <option key={l} value={l}>
              {languageName(l, lang)}
            </option>
          ))}
        </select>
        <p id={`${fieldId("contentLanguage")}-hint`} className="meta">
          {t("staff.hint.contentLanguage")}
        </p>
        <FieldError id={`${fieldId("contentLanguage")}-error`} message={errors.contentLanguage} />
      </div>
      <div className="field">
        <label htmlFor={fieldId("plainDescription")}>{t("staff.field.plainDescription")}</label>
        <textarea
          id={fieldId("plainDescription")}
          name="plainDescription"
          defaultValue={values.plainDescription}
          {...describeWithHint("plainDescription")}
        />
        <p id={`${fieldId("plainDescription")}-hint`} className="meta">
          {t("staff.hint.plainDescription")}
        </p>
        <FieldError id={`${fieldId("plainDescription")}-error`} message={errors.plainDescription} />
      </div>
      {text("interests", t("staff.field.interests"), { "aria-describedby": "interests-hint" })}
      <p id="interests-hint" className="meta">
        {t("staff.hint.interests")}
      </p>
      <div className="field">
        <label htmlFor={fieldId("kind")}>{t("staff.field.kind")}</label>
        <select
          id={fieldId("kind")}
          name="kind"
          defaultValue={values.kind}
          {...describe(errors, "kind")}
        >
          {ACTIVITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${fieldId("kind")}-error`} message={errors.kind} />
      </div>
      {showStatus ? (
        <div className="field">
          <label htmlFor={fieldId("status")}>{t("staff.field.status")}</label>
          <select id={fieldId("status")} name="status" defaultValue={values.status}>
            {ACTIVITY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <input type="hidden" name="status" value={values.status} />
      )}

      <fieldset className="stack">
        <legend>{t("staff.field.place")}</legend>
        {text("address", t("staff.field.address"), { autoComplete: "street-address" })}
        <div className="field">
          <label htmlFor={fieldId("postalCode")}>{t("staff.field.postalCode")}</label>
          <input
            id={fieldId("postalCode")}
            name="postalCode"
            type="text"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
            className="postal-code"
            defaultValue={values.postalCode}
            {...describeWithHint("postalCode")}
          />
          <p className="meta" id={`${fieldId("postalCode")}-hint`}>
            {t("staff.hint.postalCode")}
          </p>
          <FieldError id={`${fieldId("postalCode")}-error`} message={errors.postalCode} />
        </div>
        <div className="field">
          <label htmlFor={fieldId("municipality")}>{t("staff.field.municipality")}</label>
          <select
            id={fieldId("municipality")}
            name="municipality"
            defaultValue={values.municipality}
            {...describeWithHint("municipality")}
          >
            <option value="">{t("staff.choose")}</option>
            {municipalities.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
          <p className="meta" id={`${fieldId("municipality")}-hint`}>
            {t("staff.hint.municipality")}
          </p>
          <FieldError id={`${fieldId("municipality")}-error`} message={errors.municipality} />
        </div>
        {/* The point comes from the map pin (or an import), never typed: kept as it was without JS. */}
        <input type="hidden" id={fieldId("lat")} name="lat" defaultValue={values.lat} />
        <input type="hidden" id={fieldId("lon")} name="lon" defaultValue={values.lon} />
        <PlacePicker
          latId={fieldId("lat")}
          lonId={fieldId("lon")}
          municipalityId={fieldId("municipality")}
          municipalities={municipalities}
        />
      </fieldset>

      <ScheduleEditor
        legend={t("staff.field.schedule")}
        hint={t("staff.hint.schedule")}
        rows={values.schedule}
        errors={errors}
        fieldId={fieldId}
      />

      <fieldset>
        <legend>{t("staff.field.joining")}</legend>
        <div className="field">
          <label htmlFor={fieldId("howToJoin")}>{t("staff.field.howToJoin")}</label>
          <textarea
            id={fieldId("howToJoin")}
            name="howToJoin"
            maxLength={1000}
            defaultValue={values.howToJoin}
            {...describeWithHint("howToJoin")}
          />
          <p id={`${fieldId("howToJoin")}-hint`} className="meta">
            {t("staff.hint.howToJoin")}
          </p>
          <FieldError id={`${fieldId("howToJoin")}-error`} message={errors.howToJoin} />
        </div>
        <p className="meta" id="contact-hint">
          {t("staff.hint.contact")}
        </p>
        {text("contactName", t("staff.field.contactName"), { autoComplete: "off" })}
        <div className="filter-grid">
          {text("contactPhone", t("staff.field.contactPhone"), {
            type: "tel",
            autoComplete: "off",
          })}
          {text("contactEmail", t("staff.field.contactEmail"), {
            type: "email",
            autoComplete: "off",
          })}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("staff.field.threshold")}</legend>
        <ul className="checkbox-list">
          {THRESHOLD_FLAGS.map((f) => (
            <li key={f}>
              <label>
                <input
                  type="checkbox"
                  name={`threshold.${f}`}
                  defaultChecked={values.threshold[f] === true}
                />
                {t(`threshold.${f}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <LanguagesFieldset
        legend={t("staff.field.languages")}
        options={FORM_LANGUAGES.map((l) => ({ value: l, label: languageName(l, lang) }))}
        selected={values.languages}
        otherLabel={t("staff.field.languagesOther")}
        otherValue={values.languagesOther}
        errors={errors}
      />

      <fieldset>
        <legend>{t("staff.field.agesAndPlaces")}</legend>
        <div className="filter-grid">
          {text("minAge", t("staff.field.minAge"), { inputMode: "numeric" })}
          {text("maxAge", t("staff.field.maxAge"), { inputMode: "numeric" })}
          {text("capacity", t("staff.field.capacity"), { inputMode: "numeric" })}
          {text("enrolled", t("staff.field.enrolled"), { inputMode: "numeric" })}
          {/* What the page loaded, so an accept made meanwhile is not overwritten by an untouched field. */}
          {enrolledLoaded != null ? (
            <input type="hidden" name="enrolledLoaded" value={enrolledLoaded} />
          ) : null}
        </div>
        <p className="meta">{t("staff.hint.capacity")}</p>
      </fieldset>

      <div className="actions">
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
