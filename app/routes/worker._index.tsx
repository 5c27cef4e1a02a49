import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { getOrganization } from "#app/modules/organizations/organizations.server.ts";
import { listCaseload, type CaseloadEntry } from "#app/modules/participants/participants.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.worker");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const org = getOrganization(requireOrganization(user));
  const caseload = listCaseload(user);
  const plain = (list: CaseloadEntry[]) =>
    list.map((p) => ({ ...p, updatedAt: p.updatedAt.toISOString() }));
  return {
    displayName: user.displayName,
    organizationName: org?.name ?? "",
    mine: plain(caseload.mine),
    unassigned: plain(caseload.unassigned),
    others: plain(caseload.others),
  };
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["mine"][number];

function ParticipantTable({ list, showWorker }: { list: Entry[]; showWorker?: boolean }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("worker.col.participant")}</th>
            <th scope="col">{t("participants.field.municipality")}</th>
            <th scope="col">{t("worker.col.lastContact")}</th>
            {showWorker ? <th scope="col">{t("worker.col.worker")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {list.map((p) => (
            <tr key={p.ref}>
              <td>
                <Link to={`/participants/${encodeURIComponent(p.ref)}`}>
                  {p.nickname ? `${p.nickname} (${p.ref})` : p.ref}
                </Link>
              </td>
              <td>{p.municipality}</td>
              <td>{p.lastContact ? formatDate(p.lastContact, lang) : "–"}</td>
              {showWorker ? <td>{p.responsibleWorkerName ?? "–"}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The worker's start page: own caseload first, then the organization's unassigned, then colleagues'. */
export default function WorkerHome() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="stack">
      <h1>{t("dashboard.welcome", { name: data.displayName })}</h1>
      <p>
        {t("dashboard.role", { role: t("role.worker") })} · {data.organizationName}
      </p>
      <p className="actions">
        <Link to="/participants/new" className="button primary">
          {t("worker.newParticipant")}
        </Link>
        <Link to="/follow-up" className="button">
          {t("followUp.link")}
        </Link>
        <Link to="/attendance" className="button">
          {t("attendance.link")}
        </Link>
        <Link to="/reports" className="button">
          {t("reports.link")}
        </Link>
      </p>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{t("worker.mine", { count: data.mine.length })}</h2>
        {data.mine.length === 0 ? (
          <p>{t("worker.mineEmpty")}</p>
        ) : (
          <ParticipantTable list={data.mine} />
        )}
      </section>
      <section aria-labelledby="unassigned-heading">
        <h2 id="unassigned-heading">{t("worker.unassigned", { count: data.unassigned.length })}</h2>
        <p className="meta">{t("worker.unassignedIntro")}</p>
        {data.unassigned.length === 0 ? (
          <p>{t("worker.none")}</p>
        ) : (
          <ParticipantTable list={data.unassigned} />
        )}
      </section>
      <section aria-labelledby="others-heading">
        <h2 id="others-heading">{t("worker.others", { count: data.others.length })}</h2>
        {data.others.length === 0 ? (
          <p>{t("worker.none")}</p>
        ) : (
          <ParticipantTable list={data.others} showWorker />
        )}
      </section>
    </section>
  );
}
