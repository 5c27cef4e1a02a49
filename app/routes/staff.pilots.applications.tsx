import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { formatDate, languageName } from "#app/infra/i18n/i18n.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import {
  listPilotApplications,
  markPilotApplicationHandled,
  type PilotApplicationRow,
} from "#app/modules/recruitment/pilot-applications.server.ts";
import { HandleApplicationFormSchema } from "#app/modules/recruitment/recruitment-schema.ts";

export const meta: MetaFunction = pageMeta("title.pilotApplications");

/** Volunteers who asked to be pilots through the public form, for their association's staff. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff"]);
  requireOrganization(user);
  return { applications: listPilotApplications(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["staff"]);
  requireOrganization(user);
  const form = await request.formData();
  const parsed = parseWith(HandleApplicationFormSchema, { id: form.get("id") });
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const r = markPilotApplicationHandled(user, parsed.data.id);
  if (!r.ok) return jsonResponse({ reason: "not-found" }, 404);
  return jsonResponse({ handled: parsed.data.id });
}

export default function PilotApplications() {
  const { applications } = useLoaderData<typeof loader>();
  const answer = useActionData<{ handled?: number }>();
  const t = useT();
  const lang = useLang();
  const waiting = applications.filter((a) => !a.handledOn);
  const handled = applications.filter((a) => a.handledOn);
  const card = (a: PilotApplicationRow) => (
    <li key={a.id} className="panel stack" data-id={a.id}>
      <h3>{a.name}</h3>
      <p>
        <a href={`mailto:${a.email}`}>{a.email}</a>
        {a.phone ? (
          <>
            {" · "}
            <a href={`tel:${a.phone.replace(/[^+0-9]/g, "")}`}>{a.phone}</a>
          </>
        ) : null}
      </p>
      <p>
        {a.municipality} · {a.languages.map((l) => languageName(l, lang)).join(", ")}
      </p>
      {a.message ? <p className="prose">{a.message}</p> : null}
      <p className="meta">
        {t("applications.received", { date: formatDate(a.receivedOn, lang) })}
        {a.handledOn
          ? ` · ${t("applications.handledOn", { date: formatDate(a.handledOn, lang) })}`
          : ""}
        {` · ${t("applications.deletedOn", { date: formatDate(a.deletedOn, lang) })}`}
      </p>
      {a.handledOn ? null : (
        <Form method="post">
          <input type="hidden" name="id" value={a.id} />
          <button type="submit" className="button">
            {t("applications.markHandled")}
          </button>
        </Form>
      )}
    </li>
  );
  return (
    <section className="stack">
      <p>
        <Link to="/staff/pilots">{t("pilot.backToList")}</Link>
      </p>
      <h1>{t("applications.title")}</h1>
      <p>{t("applications.intro")}</p>
      {answer?.handled ? (
        <p className="success" role="status">
          {t("applications.marked")}
        </p>
      ) : null}
      <h2>{t("applications.waiting")}</h2>
      {waiting.length === 0 ? <p>{t("applications.none")}</p> : null}
      <ul className="cards">{waiting.map(card)}</ul>
      {handled.length > 0 ? (
        <>
          <h2>{t("applications.handled")}</h2>
          <ul className="cards">{handled.map(card)}</ul>
        </>
      ) : null}
    </section>
  );
}
