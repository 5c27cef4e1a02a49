import type { WeeklyWindow } from "#db/schema.ts";
import { dirOf, formatTimeRange, weekdayName } from "#app/infra/i18n/i18n.ts";
import { useLocale, useT } from "#app/infra/i18n/use-t.ts";

export function ScheduleText({
  schedule,
  style = "short",
}: {
  schedule: WeeklyWindow[];
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
