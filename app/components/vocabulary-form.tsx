import { ErrorSummary } from "#app/components/error-summary.tsx";
import { Form } from "@remix-run/react";
import { hasMessage } from "#app/infra/i18n/i18n.ts";
import { useT } from "#app/infra/i18n/use-t.ts";

export type ConceptValues = {
  key: string;
  labelFi: string;
  labelSv: string;
  labelEn: string;
  isCategory: boolean;
  broaderKey: string | null;
  terms: string[];
};

/** Field errors may carry parameters ("key|a|b") where the message names a term and its owner. */
export function useVocabularyError() {
  const t = useT();
  return (message?: string) => {
    if (!message) return undefined;
    const [key, term, owner] = message.split("|");
    if (key === "vocabulary.error.termTaken")
      return t("vocabulary.error.termTaken", { term: term ?? "", key: owner ?? "" });
    return key && hasMessage(key) ? t(key) : message;
  };
}

function Err({ id, message }: { id: string; message?: string }) {
  const text = useVocabularyError()(message);
  return text ? (
    <p className="field-error" id={id}>
      {text}
    </p>
  ) : null;
}

/** Create and edit one vocabulary entry: labels in three languages, broader category, terms. */
export function ConceptFormFields({
  values,
  errors,
  categories,
  isNew,
}: {
  values: ConceptValues;
  errors: Record<string, string>;
  categories: { key: string; label: string }[];
  isNew: boolean;
}) {
  const t = useT();
  const aria = (name: string) =>
    errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="save" />
      <ErrorSummary errors={errors} />
      {isNew ? (
        <div className="field">
          <label htmlFor="key">{t("vocabulary.field.key")}</label>
          <input id="key" name="key" type="text" defaultValue={values.key} {...aria("key")} />
          <p className="meta">{t("vocabulary.field.keyHint")}</p>
          <Err id="key-error" message={errors.key} />
        </div>
      ) : null}
      {(["Fi", "Sv", "En"] as const).map((l) => (
        <div className="field" key={l}>
          <label htmlFor={`label${l}`}>{t(`vocabulary.field.label${l}`)}</label>
          <input
            id={`label${l}`}
            name={`label${l}`}
            type="text"
            defaultValue={values[`label${l}`]}
            {...aria(`label${l}`)}
          />
          <Err id={`label${l}-error`} message={errors[`label${l}`]} />
        </div>
      ))}
      <div className="field">
        <label>
          <input type="checkbox" name="isCategory" defaultChecked={values.isCategory} />{" "}
          {t("vocabulary.field.isCategory")}
        </label>
        <Err id="isCategory-error" message={errors.isCategory} />
      </div>
      <div className="field">
        <label htmlFor="broader">{t("vocabulary.field.broader")}</label>
        <select
          id="broader"
          name="broader"
          defaultValue={values.broaderKey ?? ""}
          {...aria("broader")}
        >
          <option value="">{t("vocabulary.field.noBroader")}</option>
          {categories.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
        <Err id="broader-error" message={errors.broader} />
      </div>
      <div className="field">
        <label htmlFor="terms">{t("vocabulary.field.terms")}</label>
        <textarea
          id="terms"
          name="terms"
          rows={6}
          defaultValue={values.terms.join("\n")}
          aria-describedby="terms-hint"
          {...aria("terms")}
        />
        <p className="meta" id="terms-hint">
          {t("vocabulary.field.termsHint")}
        </p>
        <Err id="terms-error" message={errors.terms} />
      </div>
      <button type="submit" className="button primary">
        {t("common.save")}
      </button>
    </Form>
  );
}
