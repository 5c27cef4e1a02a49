import { useEffect, useRef, useState } from "react";
import { useHydrated } from "#app/components/activity-map.tsx";
import { useMapTexts, useMapTiles } from "#app/components/map/use-map-settings.ts";
import { useT } from "#app/infra/i18n/use-t.ts";

/**
 * Optional map for refining an activity's point, on the same Leaflet as the
 * public maps (ADR 016). Only rendered once JavaScript runs, and tiles load
 * only when the user opens it. Nobody types coordinates (ADR 025): the postal
 * code gives the municipality, whose centre distances use until a pin is
 * placed here; the pin fills the form's hidden lat/lon fields.
 */
function readNumber(id: string) {
  const el = document.getElementById(id) as HTMLInputElement | null;
  const n = Number(el?.value.replace(",", "."));
  return el?.value && Number.isFinite(n) ? n : undefined;
}

type Start = {
  centre: { lat: number; lon: number };
  zoom: number;
  point: { lat: number; lon: number } | null;
};

export function PlacePicker({
  latId,
  lonId,
  municipalityId,
  municipalities,
}: {
  latId: string;
  lonId: string;
  municipalityId: string;
  municipalities: { value: string; lat: number; lon: number }[];
}) {
  const t = useT();
  const hydrated = useHydrated();
  const tiles = useMapTiles();
  const texts = useMapTexts();
  const [start, setStart] = useState<Start | null>(null);
  const [hasPoint, setHasPoint] = useState(false);
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setHasPoint(readNumber(latId) != null && readNumber(lonId) != null);
  }, [latId, lonId]);

  useEffect(() => {
    if (!start) return;
    let destroy: (() => void) | undefined;
    let cancelled = false;
    void import("#app/components/map/leaflet.client.ts").then(({ pickPoint }) => {
      if (cancelled || !element.current) return;
      destroy = pickPoint(element.current, {
        tiles,
        texts,
        ...start,
        onPick: (point) => {
          for (const [id, value] of [
            [latId, point.lat],
            [lonId, point.lon],
          ] as const) {
            const el = document.getElementById(id) as HTMLInputElement | null;
            if (el) el.value = String(value);
          }
          setHasPoint(true);
        },
      });
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [start, tiles, texts, latId, lonId]);

  if (!hydrated) return null;

  function openMap() {
    const lat = readNumber(latId);
    const lon = readNumber(lonId);
    if (lat != null && lon != null) {
      setStart({ centre: { lat, lon }, zoom: 15, point: { lat, lon } });
      return;
    }
    const chosen = (document.getElementById(municipalityId) as HTMLSelectElement | null)?.value;
    const m = municipalities.find((x) => x.value === chosen);
    // No municipality yet: the middle of southern Finland.
    setStart(
      m
        ? { centre: { lat: m.lat, lon: m.lon }, zoom: 13, point: null }
        : { centre: { lat: 61.5, lon: 25.5 }, zoom: 6, point: null },
    );
  }

  function clearPoint() {
    for (const id of [latId, lonId]) {
      const el = document.getElementById(id) as HTMLInputElement | null;
      if (el) el.value = "";
    }
    setHasPoint(false);
    setStart(null);
  }

  const status = (
    <p className="meta" role="status">
      {t(hasPoint ? "staff.map.pointSet" : "staff.map.noPoint")}
    </p>
  );

  if (!start) {
    return (
      <div className="stack">
        {status}
        <div className="actions">
          <button type="button" className="button" onClick={openMap}>
            {t("staff.map.open")}
          </button>
          {hasPoint ? (
            <button type="button" className="link-button" onClick={clearPoint}>
              {t("staff.map.clear")}
            </button>
          ) : null}
        </div>
      </div>
    );
  }
  // The status under the map: a line that changes above it would move the map under the pointer.
  return (
    <div className="stack">
      <p className="meta" id={`${latId}-map-hint`}>
        {t("staff.map.hint")}
      </p>
      <div
        ref={element}
        className="map map-picker"
        role="region"
        aria-label={t("staff.map.open")}
        aria-describedby={`${latId}-map-hint`}
      />
      {status}
      <div className="actions">
        <button type="button" className="button" onClick={() => setStart(null)}>
          {t("staff.map.close")}
        </button>
      </div>
    </div>
  );
}
