import { Form } from "@remix-run/react";
import { usePagePath } from "#app/components/page-path.ts";
import { FieldError } from "#app/components/field-error.tsx";
import { ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { formFieldHelpers } from "#app/components/form-fields.tsx";
import { languageName } from "#app/infra/i18n/i18n.ts";
import { DefaultSubmit, ScheduleEditor } from "#app/components/schedule-editor.tsx";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { FORM_LANGUAGES } from "../staff/activity-form-schema.ts";
import { readPilotForm, type FieldErrors, type PilotFormValues } from "./pilot-form-schema.ts";
import { PILOT_TRAINING_STATUSES, type PilotTrainingStatus } from "./pilot-schema.ts";

const { fieldId, describe, TextField, LanguagesFieldset } = formFieldHelpers("p");

/** The pilot profile: the same form for the pilot and for their organization's staff. */
export function PilotForm({
  values,
  municipalities,
  serverErrors,
  withActiveMentees,
  withAccepting,
  intent,
  activeMenteesLoaded,
}: {
  values: PilotFormValues;
  municipalities: { value: string; label: string }[];
  serverErrors?: FieldErrors;
  withActiveMentees: boolean;
  /** The "accepting" box, for staff editing a pilot without an account; a pilot's own switch is elsewhere. */
  withAccepting: boolean;
  intent: string;
  activeMenteesLoaded?: string;
}) {
  const t = useT();
  const pagePath = usePagePath();
  const lang = useLang();
  const { errors, onSubmit } = useFormErrors(serverErrors, (form) => {
    const result = readPilotForm(form, {
      withActiveMentees,
      trainingStatus: withActiveMentees
        ? undefined
        : (values.trainingStatus as PilotTrainingStatus),
      acceptingMentees: withAccepting ? undefined : values.acceptingMentees,
    });
    return result.ok ? null : result.fieldErrors;
  });

  const input = (
    name: keyof PilotFormValues,
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
    <Form method="post" action={pagePath} noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value={intent} />
      <DefaultSubmit />
      <ErrorSummary errors={errors} fieldId={fieldId} />
      {input("displayName", t("pilot.field.displayName"), { maxLength: 40 })}
      <div className="field">
        <label htmlFor={fieldId("municipality")}>{t("staff.field.municipality")}</label>
        <select
          id={fieldId("municipality")}
          name="municipality"
          defaultValue={values.municipality}
          {...describe(errors, "municipality")}
        >
          <option value="">{t("staff.choose")}</option>
          {municipalities.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
        <FieldError id={`${fieldId("municipality")}-error`} message={errors.municipality} />
      </div>
      <LanguagesFieldset
        legend={t("staff.field.languages")}
        options={FORM_LANGUAGES.map((l) => ({ value: l, label: languageName(l, lang) }))}
        selected={values.languages}
        otherLabel={t("staff.field.languagesOther")}
        otherValue={values.languagesOther}
        errors={errors}
      />
      {input("interests", t("staff.field.interests"))}
      <div className="field">
        <label htmlFor={fieldId("bio")}>{t("pilot.field.bio")}</label>
        <textarea
          id={fieldId("bio")}
          name="bio"
          maxLength={1000}
          defaultValue={values.bio}
          {...describe(errors, "bio")}
        />
        <FieldError id={`${fieldId("bio")}-error`} message={errors.bio} />
      </div>
      <ScheduleEditor
        legend={t("pilot.field.schedule")}
        rows={values.schedule}
        errors={errors}
        fieldId={fieldId}
      />
      <fieldset>
        <legend>{t("pilot.field.mentees")}</legend>
        {input("capacity", t("pilot.field.capacity"), { inputMode: "numeric" })}
        {withActiveMentees ? (
          <>
            {input("activeMentees", t("pilot.field.activeMentees"), { inputMode: "numeric" })}
            {activeMenteesLoaded != null ? (
              <input type="hidden" name="activeMenteesLoaded" value={activeMenteesLoaded} />
            ) : null}
          </>
        ) : (
          <p>
            {t("pilot.field.activeMentees")}: <strong>{values.activeMentees}</strong>
          </p>
        )}
        {withAccepting ? (
          <ul className="checkbox-list">
            <li>
              <label>
                <input
                  type="checkbox"
                  name="acceptingMentees"
                  defaultChecked={values.acceptingMentees}
                />
                {t("pilot.field.acceptingMentees")}
              </label>
            </li>
          </ul>
        ) : (
          <p>
            {t("pilot.field.acceptingMentees")}:{" "}
            <strong>{values.acceptingMentees ? t("common.yes") : t("common.no")}</strong>
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t("pilot.field.training")}</legend>
        {withActiveMentees ? (
          <div className="field">
            <label htmlFor="trainingStatus">{t("pilot.field.trainingStatus")}</label>
            <select id="trainingStatus" name="trainingStatus" defaultValue={values.trainingStatus}>
              {PILOT_TRAINING_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`pilot.training.${s}`)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p>
            {t("pilot.field.trainingStatus")}:{" "}
            <strong>{t(`pilot.training.${values.trainingStatus as PilotTrainingStatus}`)}</strong>
          </p>
        )}
        <p className="meta">{t("pilot.field.trainingRecordHint")}</p>
        {input("trainingCourse", t("pilot.field.trainingCourse"))}
        {input("trainingDate", t("pilot.field.trainingDate"), { type: "date" })}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary">
          {t("common.save")}
        </button>
      </div>
    </Form>
  );
}
