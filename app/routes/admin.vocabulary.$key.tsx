import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ConceptFormFields, useVocabularyError } from "#app/components/vocabulary-form.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import {
  ConceptFormSchema,
  ConceptKeySchema,
  MergeFormSchema,
} from "#app/modules/vocabulary/vocabulary-schema.ts";
import {
  countKeyUsage,
  getVocabularyEntry,
  listVocabulary,
  mergeConcepts,
  pushSynonyms,
  saveConcept,
} from "#app/modules/vocabulary/vocabulary.server.ts";
import { jsonResponse, notFound } from "#app/infra/http.server.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.concept");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const key = ConceptKeySchema.safeParse(params.key);
  if (!key.success) throw notFound();
  const entry = getVocabularyEntry(key.data);
  if (!entry) throw notFound();
  const all = listVocabulary();
  return {
    entry,
    usage: countKeyUsage()[entry.key] ?? 0,
    categories: all
      .filter((e) => e.isCategory && e.key !== entry.key)
      .map((e) => ({ key: e.key, label: e.labelFi })),
    mergeTargets: all
      .filter((e) => e.isCategory === entry.isCategory && e.key !== entry.key)
      .map((e) => ({ key: e.key, label: `${e.labelFi} (${e.key})` })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const key = ConceptKeySchema.safeParse(params.key);
  if (!key.success || !getVocabularyEntry(key.data)) throw notFound();
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "merge") {
    const parsed = parseWith(MergeFormSchema, form);
    if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
    const result = mergeConcepts(actorOf(user), key.data, parsed.data.into);
    if (!result.ok) return jsonResponse({ fieldErrors: result.fieldErrors }, 400);
    const synonyms = await pushSynonyms();
    return redirect(
      `/admin/vocabulary/${encodeURIComponent(result.key)}?merged=${encodeURIComponent(key.data)}${synonyms.ok ? "" : "&searchLater=1"}`,
    );
  }
  const parsed = parseWith(ConceptFormSchema, form);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const result = saveConcept(actorOf(user), { ...parsed.data, key: key.data }, "update");
  if (!result.ok) return jsonResponse({ fieldErrors: result.fieldErrors }, 400);
  const synonyms = await pushSynonyms();
  return redirect(
    `/admin/vocabulary/${encodeURIComponent(result.key)}?saved=1${synonyms.ok ? "" : "&searchLater=1"}`,
  );
}

export default function ConceptPage() {
  const { entry, usage, categories, mergeTargets } = useLoaderData<typeof loader>();
  const data = useActionData<{ fieldErrors: Record<string, string> }>();
  const [params] = useSearchParams();
  const t = useT();
  const errorText = useVocabularyError();
  const errors = data?.fieldErrors ?? {};
  return (
    <section className="narrow stack">
      <p>
        <Link to="/admin/vocabulary">← {t("vocabulary.title")}</Link>
      </p>
      <h1>
        {entry.labelFi} <span className="meta">({entry.key})</span>
      </h1>
      {params.get("saved") ? (
        <p className="success" role="status">
          {t("vocabulary.saved")}
        </p>
      ) : null}
      {params.get("merged") ? (
        <p className="success" role="status">
          {t("vocabulary.merged", { from: params.get("merged") ?? "" })}
        </p>
      ) : null}
      {params.get("searchLater") ? (
        <p className="notice" role="status">
          {t("vocabulary.searchLater")}
        </p>
      ) : null}
      <p>{t("vocabulary.usage", { count: usage })}</p>
      {errors._form ? (
        <p className="form-error" role="alert">
          {errorText(errors._form)}
        </p>
      ) : null}
      <ConceptFormFields
        values={entry}
        errors={errors.into ? {} : errors}
        categories={categories}
        isNew={false}
      />
      <section aria-labelledby="merge-heading" className="panel stack">
        <h2 id="merge-heading">{t("vocabulary.merge")}</h2>
        <p>{t("vocabulary.mergeIntro", { label: entry.labelFi })}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="merge" />
          <div className="field">
            <label htmlFor="into">{t("vocabulary.mergeInto")}</label>
            <select
              id="into"
              name="into"
              defaultValue=""
              aria-invalid={errors.into ? true : undefined}
              aria-describedby={errors.into ? "into-error" : undefined}
            >
              <option value="">{t("participants.field.choose")}</option>
              {mergeTargets.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                </option>
              ))}
            </select>
            {errors.into ? (
              <p className="field-error" id="into-error">
                {errorText(errors.into)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            {t("vocabulary.mergeSubmit")}
          </button>
        </Form>
      </section>
    </section>
  );
}
