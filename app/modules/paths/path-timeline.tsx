import { Form } from "@remix-run/react";
import { usePagePath } from "#app/components/page-path.ts";
import { formatDate, type MessageKey } from "#app/infra/i18n/i18n.ts";
import { useLocale, useT } from "#app/infra/i18n/use-t.ts";

export type TimelineStep = {
  id: number;
  step: string;
  date: string;
  onwardPath: string;
  endReason: string;
  source: string;
};

/**
 * The path as an ordered list of dated steps (a list reads well to screen
 * readers and on phones). With `removable`, each step has a remove button
 * posting intent=remove to the current route.
 */
export function PathTimeline({
  steps,
  removable = false,
}: {
  steps: TimelineStep[];
  removable?: boolean;
}) {
  const t = useT();
  const pagePath = usePagePath();
  const locale = useLocale();
  if (steps.length === 0) return <p>{t("paths.empty")}</p>;
  return (
    <ol className="timeline">
      {steps.map((s) => {
        const label = t(`paths.step.${s.step}` as MessageKey);
        const date = formatDate(s.date, locale);
        return (
          <li key={s.id} className="panel" data-step={s.step}>
            <time dateTime={s.date}>{date}</time> · <strong>{label}</strong>
            {s.onwardPath ? `: ${t(`paths.onward.${s.onwardPath}` as MessageKey)}` : null}
            {s.endReason ? `: ${t(`paths.end.${s.endReason}` as MessageKey)}` : null}{" "}
            <span className="tag">{t(`paths.source.${s.source}` as MessageKey)}</span>
            {removable ? (
              <Form method="post" action={pagePath} className="inline-form">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="stepId" value={s.id} />{" "}
                <button
                  type="submit"
                  className="link-button"
                  aria-label={t("paths.removeStep", { step: label, date })}
                >
                  {t("paths.remove")}
                </button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
