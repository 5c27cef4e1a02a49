import { useT } from "#app/infra/i18n/use-t.ts";

export function PlacesText({ capacity, enrolled }: { capacity: number | null; enrolled: number }) {
  const t = useT();
  if (capacity == null) return <span>{t("catalog.noLimit")}</span>;
  const free = Math.max(0, capacity - enrolled);
  if (free === 0) return <span className="full">{t("catalog.full")}</span>;
  return (
    <span>
      {free === 1 ? t("catalog.freePlacesOne") : t("catalog.freePlaces", { count: free })}
    </span>
  );
}
