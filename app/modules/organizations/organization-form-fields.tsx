import { FieldError } from "#app/components/field-error.tsx";
import { useT } from "#app/infra/i18n/use-t.ts";
import type { OrganizationFormValues } from "./organization-form.ts";

/** The fields of the admin organization form (the page supplies the <Form>). */
export function OrganizationFormFields({
  values,
  errors,
  municipalities,
}: {
  values: OrganizationFormValues;
  errors: Record<string, string>;
  municipalities: { value: string; label: string }[];
}) {
  const t = useT();
  const aria = (name: string) =>
    errors[name] ? { "aria-invalid": true as const, "aria-describedby": `org-${name}-error` } : {};
  return (
    <>
      <div className="field">
        <label htmlFor="org-name">{t("admin.org.name")}</label>
        <input id="org-name" name="name" type="text" defaultValue={values.name} {...aria("name")} />
        <FieldError id="org-name-error" message={errors.name} />
      </div>
      <div className="field">
        <label htmlFor="org-municipality">{t("staff.field.municipality")}</label>
        <select
          id="org-municipality"
          name="municipality"
          defaultValue={values.municipality}
          {...aria("municipality")}
        >
          <option value="">{t("staff.choose")}</option>
          {municipalities.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
        <FieldError id="org-municipality-error" message={errors.municipality} />
      </div>
      <div className="field">
        <label htmlFor="org-description">{t("staff.field.description")}</label>
        <textarea
          id="org-description"
          name="description"
          defaultValue={values.description}
          {...aria("description")}
        />
        <FieldError id="org-description-error" message={errors.description} />
      </div>
      <div className="field">
        <label htmlFor="org-website">{t("admin.org.website")}</label>
        <input
          id="org-website"
          name="website"
          type="url"
          defaultValue={values.website}
          {...aria("website")}
        />
        <FieldError id="org-website-error" message={errors.website} />
      </div>
      <div className="field">
        <label htmlFor="org-followUpDays">{t("admin.org.followUpDays")}</label>
        <input
          id="org-followUpDays"
          name="followUpDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          step={1}
          required
          defaultValue={values.followUpDays}
          aria-describedby={
            errors.followUpDays
              ? "org-followUpDays-hint org-followUpDays-error"
              : "org-followUpDays-hint"
          }
          {...(errors.followUpDays ? { "aria-invalid": true as const } : {})}
        />
        <p className="meta" id="org-followUpDays-hint">
          {t("admin.org.followUpDaysHint")}
        </p>
        <FieldError id="org-followUpDays-error" message={errors.followUpDays} />
      </div>
    </>
  );
}
