import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "#app/infra/auth.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { foldText } from "#app/modules/interests/normalize.ts";
import { countKeyUsage, listVocabulary } from "#app/modules/vocabulary/vocabulary.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.vocabulary");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const q = foldText(new URL(request.url).searchParams.get("q") ?? "").slice(0, 80);
  const usage = countKeyUsage();
  const all = listVocabulary();
  const labelOf = new Map(all.map((e) => [e.key, e.labelFi]));
  const entries = all
    .filter(
      (e) =>
        !q ||
        [e.key, e.labelFi, e.labelSv, e.labelEn, ...e.terms].some((s) => foldText(s).includes(q)),
    )
    .map((e) => ({
      key: e.key,
      labelFi: e.labelFi,
      labelSv: e.labelSv,
      labelEn: e.labelEn,
      isCategory: e.isCategory,
      broader: e.broaderKey ? (labelOf.get(e.broaderKey) ?? e.broaderKey) : null,
      terms: e.terms,
      usage: usage[e.key] ?? 0,
    }));
  return { entries, total: all.length };
}

/** The coordinator's view of the interest vocabulary: search, then open an entry to edit or merge it. */
export default function VocabularyPage() {
  const { entries, total } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const categories = entries.filter((e) => e.isCategory);
  const concepts = entries.filter((e) => !e.isCategory);
  return (
    <section className="stack">
      <p>
        <Link to="/admin">← {t("vocabulary.back")}</Link>
      </p>
      <h1>{t("vocabulary.title")}</h1>
      <p>{t("vocabulary.intro", { count: total })}</p>
      <p>
        <Link to="/admin/vocabulary/new" className="button primary">
          {t("vocabulary.new")}
        </Link>
      </p>
      <Form method="get" role="search" className="search-row">
        <label htmlFor="q" className="visually-hidden">
          {t("vocabulary.search")}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={params.get("q") ?? ""}
          placeholder={t("vocabulary.search")}
        />
        <button type="submit" className="button">
          {t("common.search")}
        </button>
      </Form>
      {[
        ["vocabulary.categories", categories],
        ["vocabulary.concepts", concepts],
      ].map(([heading, list]) => (
        <section key={heading as string}>
          <h2>{t(heading as "vocabulary.concepts")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("vocabulary.col.label")}</th>
                  <th scope="col">{t("vocabulary.col.broader")}</th>
                  <th scope="col">{t("vocabulary.col.terms")}</th>
                  <th scope="col">{t("vocabulary.col.usage")}</th>
                </tr>
              </thead>
              <tbody>
                {(list as typeof entries).map((e) => (
                  <tr key={e.key}>
                    <td>
                      <Link to={`/admin/vocabulary/${encodeURIComponent(e.key)}`}>{e.labelFi}</Link>
                      <br />
                      <span className="meta">
                        {e.labelSv} · {e.labelEn}
                      </span>
                    </td>
                    <td>{e.broader ?? "–"}</td>
                    <td>{e.terms.join(", ") || "–"}</td>
                    <td>{e.usage}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}
