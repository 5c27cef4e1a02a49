import type { WeeklyWindow } from "#db/schema.ts";
import { formatTimeRange, weekdayName } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";

export function ScheduleText({
  schedule,
  style = "short",
}: {
  schedule: WeeklyWindow[];
  style?: "short" | "long";
}) {
  const lang = useLang();
  const t = useT();
  if (schedule.length === 0) return <span>{t("activity.noSchedule")}</span>;
  return (
    <span>
      {schedule.map((w, i) => (
        <span key={i} className="nowrap">
          {i > 0 ? ", " : ""}
          {weekdayName(w.weekday, lang, style)} {formatTimeRange(w.start, w.end)}
        </span>
      ))}
    </span>
  );
}
