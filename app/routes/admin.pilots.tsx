import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { pilotShortageFor } from "#app/modules/needs/pilot-shortage.server.ts";
import { TableWrap } from "#app/components/table-wrap.tsx";
import { setOnlyTrainedPilots } from "#app/modules/settings/settings.server.ts";
import { SUPPRESSED } from "#app/modules/reports/report-tables.ts";

export const meta: MetaFunction = pageMeta("title.pilotShortage");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  return pilotShortageFor(user, getLang(request))!;
}

const SwitchSchema = z.strictObject({ onlyTrained: z.enum(["on", "off"]) });

/** The coordinator's switch: only trained pilots are suggested (on) or all (off). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const form = await request.formData();
  const parsed = parseWith(SwitchSchema, { onlyTrained: form.get("onlyTrained") });
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  setOnlyTrainedPilots(user, parsed.data.onlyTrained === "on");
  return jsonResponse({ saved: true });
}

const shown = (v: number | null) => (v == null ? SUPPRESSED : v);

export default function PilotShortage() {
  const { rows, onlyTrained } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ saved?: boolean; fieldErrors?: Record<string, string> }>();
  const t = useT();
  return (
    <section className="stack">
      <p>
        <Link to="/admin">{t("shortage.back")}</Link>
      </p>
      <h1>{t("shortage.title")}</h1>
      <p>{t("shortage.intro")}</p>
      <p className="notice">{t("needs.suppressed")}</p>
      <h2 id="shortage-table">{t("shortage.tableTitle")}</h2>
      <TableWrap labelledBy="shortage-table">
        {/* On a phone each municipality is a card (app/styles/app.css): nothing scrolls sideways. */}
        <table id="data-shortage" className="stacked-table">
          <thead>
            <tr>
              <th scope="col">{t("needs.col.municipality")}</th>
              <th scope="col" className="num">
                {t("shortage.col.wanting")}
              </th>
              <th scope="col" className="num">
                {t("shortage.col.freePlaces")}
              </th>
              <th scope="col" className="num">
                {t("shortage.col.shortage")}
              </th>
              <th scope="col" className="num">
                {t("shortage.col.onTheirWay")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.municipality} data-code={r.municipality}>
                <th scope="row">{r.municipality === "*" ? t("needs.all") : r.label}</th>
                <td className="num" data-measure="wanting" data-label={t("shortage.col.wanting")}>
                  {shown(r.wanting)}
                </td>
                <td
                  className="num"
                  data-measure="freePlaces"
                  data-label={t("shortage.col.freePlaces")}
                >
                  {r.freePlaces}
                </td>
                <td className="num" data-measure="shortage" data-label={t("shortage.col.shortage")}>
                  {shown(r.shortage)}
                </td>
                <td
                  className="num"
                  data-measure="onTheirWay"
                  data-label={t("shortage.col.onTheirWay")}
                >
                  {r.onTheirWay}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p>
        <Link to="/staff/pilots/trainings">{t("shortage.trainingsLink")}</Link>
      </p>
      <Form method="post" className="panel stack" aria-labelledby="switch-title">
        <h2 id="switch-title">{t("shortage.switch.title")}</h2>
        <p>{onlyTrained ? t("shortage.switch.on") : t("shortage.switch.off")}</p>
        <input type="hidden" name="onlyTrained" value={onlyTrained ? "off" : "on"} />
        <button type="submit" className="button">
          {onlyTrained ? t("shortage.switch.turnOff") : t("shortage.switch.turnOn")}
        </button>
        {actionData?.saved ? (
          <p className="success" role="status">
            {t("staff.saved.saved")}
          </p>
        ) : null}
      </Form>
    </section>
  );
}
