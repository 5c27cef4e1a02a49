import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/infra/auth.server.ts";
import { orNotFound } from "#app/infra/http.server.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { participantExistsForWorker } from "#app/modules/participants/participants.server.ts";
import { listReferralViews } from "#app/modules/referrals/referral-sending.server.ts";

export const meta: MetaFunction = pageMeta("title.participant");

/** The referrals sent for the participant and what became of each. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(participantExistsForWorker(user, orNotFound(parseRef(params.ref))));
  return { referrals: listReferralViews(p.id) };
}

export default function ParticipantReferrals() {
  const { referrals } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <section aria-labelledby="referrals-heading">
      <h2 id="referrals-heading">{t("participants.referrals")}</h2>
      {referrals.length === 0 ? (
        <p>{t("participants.noReferrals")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("participants.referral.target")}</th>
                <th scope="col">{t("participants.referral.sent")}</th>
                <th scope="col">{t("participants.referral.status")}</th>
              </tr>
            </thead>
            <tbody>
              {referrals.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.target.name}{" "}
                    <span className="meta">
                      ({r.target.type === "pilot" ? t("role.pilot") : t("participants.activity")})
                    </span>
                  </td>
                  <td>{formatDate(new Date(r.createdAt), lang)}</td>
                  <td>
                    {t(`participants.referralStatus.${r.status}`)}
                    {r.respondedAt ? ` ${formatDate(new Date(r.respondedAt), lang)}` : ""}
                    {r.responseMessage ? ` – ${r.responseMessage}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
