import { Field } from "#app/components/form-fields.tsx";
import { useT } from "#app/infra/i18n/use-t.ts";

/** The public join forms' municipality: a required choice, empty until the visitor picks one. */
export function MunicipalityField({
  label,
  options,
  error,
}: {
  label: string;
  options: { value: string; label: string }[];
  error?: string;
}) {
  const t = useT();
  return (
    <Field
      name="municipality"
      label={label}
      error={error}
      control={(p) => (
        <select {...p} required defaultValue="">
          <option value="">{t("join.field.municipalityChoose")}</option>
          {options.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** The public join forms' optional phone number. */
export function PhoneField({ error }: { error?: string }) {
  const t = useT();
  return (
    <Field
      name="phone"
      label={t("join.field.phone")}
      error={error}
      control={(p) => <input {...p} type="tel" autoComplete="tel" />}
    />
  );
}
