import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConceptFormFields } from "#app/components/vocabulary-form.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { NewConceptFormSchema } from "#app/modules/vocabulary/vocabulary-schema.ts";
import {
  listVocabulary,
  pushSynonyms,
  saveConcept,
} from "#app/modules/vocabulary/vocabulary.server.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.conceptNew");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return {
    categories: listVocabulary()
      .filter((e) => e.isCategory)
      .map((e) => ({ key: e.key, label: e.labelFi })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const parsed = parseWith(NewConceptFormSchema, Object.fromEntries(await request.formData()));
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const result = saveConcept(actorOf(user), parsed.data, "create");
  if (!result.ok) return jsonResponse({ fieldErrors: result.fieldErrors }, 400);
  const synonyms = await pushSynonyms();
  return redirect(
    `/admin/vocabulary/${encodeURIComponent(result.key)}?saved=1${synonyms.ok ? "" : "&searchLater=1"}`,
  );
}

export default function NewConceptPage() {
  const { categories } = useLoaderData<typeof loader>();
  const data = useActionData<{ fieldErrors: Record<string, string> }>();
  const t = useT();
  return (
    <section className="narrow stack">
      <p>
        <Link to="/admin/vocabulary">← {t("vocabulary.title")}</Link>
      </p>
      <h1>{t("vocabulary.new")}</h1>
      <ConceptFormFields
        values={{
          key: "",
          labelFi: "",
          labelSv: "",
          labelEn: "",
          isCategory: false,
          broaderKey: null,
          terms: [],
        }}
        errors={data?.fieldErrors ?? {}}
        categories={categories}
        isNew
      />
    </section>
  );
}
