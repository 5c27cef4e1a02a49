import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { jsonResponse, publicOrigin } from "#app/infra/http.server.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import {
  approveAssociationApplication,
  declineAssociationApplication,
  listAssociationApplications,
  type AssociationApplicationRow,
} from "#app/modules/recruitment/association-applications.server.ts";
import { DecideAssociationFormSchema } from "#app/modules/recruitment/recruitment-schema.ts";

export const meta: MetaFunction = pageMeta("title.associationApplications");

/** Associations that applied through the public form, for the coordinator to approve or decline. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  return { applications: listAssociationApplications(user) };
}

type ActionData =
  | { decided: "approve" | "decline"; id: number }
  | { fieldErrors: Record<string, string>; id?: number };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const form = await request.formData();
  const parsed = parseWith(DecideAssociationFormSchema, {
    id: form.get("id"),
    intent: form.get("intent"),
  });
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const { id, intent } = parsed.data;
  const r =
    intent === "approve"
      ? await approveAssociationApplication(user, id, publicOrigin())
      : declineAssociationApplication(user, id);
  if (!r.ok && "reason" in r)
    return jsonResponse({ fieldErrors: { _form: "associations.gone" }, id }, 404);
  if (!r.ok) return jsonResponse({ fieldErrors: r.fieldErrors, id }, 400);
  return jsonResponse({ decided: intent, id });
}

export default function AssociationApplications() {
  const { applications } = useLoaderData<typeof loader>();
  const answer = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const serverErrors = useMemo(
    () => (answer && "fieldErrors" in answer ? answer.fieldErrors : undefined),
    [answer],
  );
  const { errors } = useFormErrors(serverErrors);
  const waiting = applications.filter((a) => a.status === "waiting");
  const decided = applications.filter((a) => a.status !== "waiting");
  const card = (a: AssociationApplicationRow) => (
    <li key={a.id} className="panel stack" data-id={a.id}>
      <h3>{a.name}</h3>
      <p>{a.municipality}</p>
      <dl className="facts stacked">
        <div>
          <dt>{t("associations.contact")}</dt>
          <dd>
            {a.contactName} · <a href={`mailto:${a.email}`}>{a.email}</a>
            {a.phone ? (
              <>
                {" · "}
                <a href={`tel:${a.phone.replace(/[^+0-9]/g, "")}`}>{a.phone}</a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("associations.activities")}</dt>
          <dd className="prose">{a.activities}</dd>
        </div>
      </dl>
      <p className="meta">
        {t("applications.received", { date: formatDate(a.receivedOn, lang) })}
        {a.handledOn
          ? ` · ${t(`associations.status.${a.status as "approved" | "declined"}`)} ${formatDate(a.handledOn, lang)}`
          : ""}
        {` · ${t("applications.deletedOn", { date: formatDate(a.deletedOn, lang) })}`}
      </p>
      {a.organizationRef ? (
        <p>
          <Link to={`/admin/organizations/${a.organizationRef}`}>
            {t("associations.openOrganization")}
          </Link>
        </p>
      ) : null}
      {a.status === "waiting" ? (
        <Form method="post" className="actions">
          <input type="hidden" name="id" value={a.id} />
          <button type="submit" name="intent" value="approve" className="button primary">
            {t("associations.approve")}
          </button>
          <button type="submit" name="intent" value="decline" className="button">
            {t("associations.decline")}
          </button>
        </Form>
      ) : null}
    </li>
  );
  return (
    <section className="stack">
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("associations.title")}</h1>
      <p>{t("associations.intro")}</p>
      <ErrorSummary errors={errors} />
      {answer && "decided" in answer ? (
        <p className="success" role="status">
          {t(answer.decided === "approve" ? "associations.approved" : "associations.declined")}
        </p>
      ) : null}
      <h2>{t("associations.waiting")}</h2>
      {waiting.length === 0 ? <p>{t("associations.none")}</p> : null}
      <ul className="cards">{waiting.map(card)}</ul>
      {decided.length > 0 ? (
        <>
          <h2>{t("associations.decided")}</h2>
          <ul className="cards">{decided.map(card)}</ul>
        </>
      ) : null}
    </section>
  );
}
