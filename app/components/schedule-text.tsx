import { dirOf, formatTimeRange, weekdayName } from "#app/infra/i18n/i18n.ts";
import { useLocale, useT } from "#app/infra/i18n/use-t.ts";

export function ScheduleText({
  schedule,
  style = "short",
}: {
  /** Weekly times (common-schema's WeeklyWindow): weekday 1–7, HH:MM start and end. */
  schedule: { weekday: number; start: string; end: string }[];
  style?: "short" | "long";
}) {
  const locale = useLocale();
  const t = useT();
  if (schedule.length === 0) return <span>{t("activity.noSchedule")}</span>;
  return (
    <span>
      {schedule.map((w, i) => (
        <span key={i} className="nowrap">
          {i > 0 ? (dirOf(locale) === "rtl" ? "، " : ", ") : ""}
          {weekdayName(w.weekday, locale, style)}{" "}
          {/* A time range reads left to right in every language, Arabic too. */}
          <bdi dir="ltr">{formatTimeRange(w.start, w.end)}</bdi>
        </span>
      ))}
    </span>
  );
}
