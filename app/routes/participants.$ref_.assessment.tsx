import { ErrorSummary } from "#app/components/error-summary.tsx";
import { ParticipantNav } from "#app/components/participant-nav.tsx";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ASSESSMENT_PHASES } from "#app/modules/assessments/assessments-schema.ts";
import { FieldError } from "#app/components/field-error.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { jsonResponse, notFound, orNotFound } from "#app/infra/http.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { formatDate, type MessageKey } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import {
  ASSESSMENT_MEASURES,
  AssessmentFormSchema,
} from "#app/modules/assessments/assessments-schema.ts";
import {
  addAssessment,
  compareStartAndLatest,
  listAssessments,
} from "#app/modules/assessments/assessments.server.ts";
import { parseRef, todayInFinland } from "#app/modules/common/common-schema.ts";
import {
  findParticipantForWorker,
  readParticipantForWorker,
} from "#app/modules/participants/participants.server.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.assessment");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const participant = orNotFound(
    readParticipantForWorker(user, orNotFound(parseRef(params.ref)), "self-assessment page"),
  );
  const rows = listAssessments(participant.id);
  const comparison = compareStartAndLatest(rows);
  const pick = (r: (typeof rows)[number]) => ({
    id: r.id,
    phase: r.phase,
    date: r.date,
    scores: Object.fromEntries(ASSESSMENT_MEASURES.map((m) => [m, r[m]])) as Record<
      (typeof ASSESSMENT_MEASURES)[number],
      number
    >,
  });
  return {
    participant: { ref: participant.ref, nickname: participant.nickname },
    rows: rows.map(pick),
    comparison: comparison
      ? {
          start: pick(comparison.start),
          latest: pick(comparison.latest),
          changes: comparison.changes,
        }
      : null,
    today: todayInFinland(),
    firstPhase: rows.length === 0 ? "start" : "along",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const participant = findParticipantForWorker(user, orNotFound(parseRef(params.ref)));
  if (!participant) throw notFound();
  const form = Object.fromEntries(await request.formData());
  const parsed = parseWith(AssessmentFormSchema, form);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  addAssessment(actorOf(user), participant, parsed.data);
  return { ok: true, fieldErrors: {} };
}

type ActionData = { ok?: boolean; fieldErrors: Record<string, string> };

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export default function AssessmentPage() {
  const { participant, rows, comparison, today, firstPhase } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const errors = data?.fieldErrors ?? {};
  const measure = (m: string) => t(`assessment.measure.${m}` as MessageKey);
  return (
    <section>
      <p>
        <Link to={`/participants/${encodeURIComponent(participant.ref)}`}>← {t("paths.back")}</Link>
      </p>
      <h1>{t("assessment.title", { ref: participant.nickname ?? participant.ref })}</h1>
      <ParticipantNav participantRef={participant.ref} />
      <p>{t("assessment.intro")}</p>
      {data?.ok ? (
        <p className="success" role="status">
          {t("assessment.saved")}
        </p>
      ) : null}
      <h2>{t("assessment.compare")}</h2>
      {comparison ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("assessment.measure")}</th>
                <th scope="col">
                  {t("assessment.start")} ({formatDate(comparison.start.date, lang)})
                </th>
                <th scope="col">
                  {t("assessment.latest")} ({formatDate(comparison.latest.date, lang)})
                </th>
                <th scope="col">{t("assessment.change")}</th>
              </tr>
            </thead>
            <tbody>
              {ASSESSMENT_MEASURES.map((m) => (
                <tr key={m} data-measure={m}>
                  <th scope="row">{measure(m)}</th>
                  <td>{comparison.start.scores[m]}</td>
                  <td>{comparison.latest.scores[m]}</td>
                  <td>{signed(comparison.changes[m])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("assessment.compareNone")}</p>
      )}
      <h2>{t("assessment.add")}</h2>
      <Form method="post" className="panel stack" noValidate>
        <ErrorSummary errors={errors} />
        <fieldset>
          <legend>{t("assessment.phase")}</legend>
          {ASSESSMENT_PHASES.map((p) => (
            <label key={p} className="inline-choice">
              <input type="radio" name="phase" value={p} defaultChecked={p === firstPhase} />{" "}
              {t(`assessment.phase.${p}` as MessageKey)}{" "}
            </label>
          ))}
          <FieldError id="phase-error" message={errors.phase} />
        </fieldset>
        <div className="field">
          <label htmlFor="date">{t("assessment.date")}</label>
          <input
            id="date"
            name="date"
            type="date"
            max={today}
            defaultValue={today}
            aria-invalid={errors.date ? true : undefined}
            aria-describedby={errors.date ? "date-error" : undefined}
          />
          <FieldError id="date-error" message={errors.date} />
        </div>
        {ASSESSMENT_MEASURES.map((m) => (
          <div className="field" key={m}>
            <label htmlFor={m}>{measure(m)} (0–10)</label>
            <input
              id={m}
              name={m}
              type="number"
              inputMode="numeric"
              min={0}
              max={10}
              step={1}
              required
              aria-invalid={errors[m] ? true : undefined}
              aria-describedby={errors[m] ? `${m}-error` : undefined}
            />
            <FieldError id={`${m}-error`} message={errors[m]} />
          </div>
        ))}
        <button type="submit" className="button primary">
          {t("assessment.add")}
        </button>
      </Form>
      <h2>{t("assessment.history")}</h2>
      {rows.length === 0 ? (
        <p>{t("assessment.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("assessment.date")}</th>
                <th scope="col">{t("assessment.phase")}</th>
                {ASSESSMENT_MEASURES.map((m) => (
                  <th scope="col" key={m}>
                    {measure(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{formatDate(r.date, lang)}</th>
                  <td>{t(`assessment.phase.${r.phase}` as MessageKey)}</td>
                  {ASSESSMENT_MEASURES.map((m) => (
                    <td key={m}>{r.scores[m]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
