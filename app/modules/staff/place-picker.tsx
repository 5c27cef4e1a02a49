import { useEffect, useState, type MouseEvent } from "react";
import { useT } from "#app/infra/i18n/use-t.ts";

/**
 * Optional map for picking an activity's coordinates. Only rendered once
 * JavaScript runs, and tiles load only when the user opens it: straight from
 * tile.openstreetmap.org into the browser (the CSP allows exactly that), so
 * the server never calls an outside service. Typing the coordinates stays the
 * accessible way; the map only fills those fields in.
 */
const TILE = 256;
const WIDTH = 512;
const HEIGHT = 320;

function toPixel(lat: number, lon: number, zoom: number) {
  const scale = TILE * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((lon + 180) / 360) * scale,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale,
  };
}

function toLatLon(x: number, y: number, zoom: number) {
  const scale = TILE * 2 ** zoom;
  const lon = (x / scale) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / scale;
  const lat = (180 / Math.PI) * Math.atan(Math.sinh(n));
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
}

function readNumber(id: string) {
  const el = document.getElementById(id) as HTMLInputElement | null;
  const n = Number(el?.value.replace(",", "."));
  return el?.value && Number.isFinite(n) ? n : undefined;
}

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
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  const [zoom, setZoom] = useState(14);
  const [center, setCenter] = useState<{ lat: number; lon: number } | null>(null);
  const [marker, setMarker] = useState<{ lat: number; lon: number } | null>(null);
  useEffect(() => setMounted(true), []);
  if (!mounted) return null;

  function openMap() {
    const lat = readNumber(latId);
    const lon = readNumber(lonId);
    if (lat != null && lon != null) {
      setCenter({ lat, lon });
      setMarker({ lat, lon });
    } else {
      const chosen = (document.getElementById(municipalityId) as HTMLSelectElement | null)?.value;
      const m = municipalities.find((x) => x.value === chosen);
      // No municipality yet: the middle of southern Finland.
      setCenter(m ? { lat: m.lat, lon: m.lon } : { lat: 61.5, lon: 25.5 });
      setMarker(null);
      setZoom(m ? 13 : 6);
    }
    setOpen(true);
  }

  if (!open || !center) {
    return (
      <button type="button" className="button" onClick={openMap}>
        {t("staff.map.open")}
      </button>
    );
  }

  const c = toPixel(center.lat, center.lon, zoom);
  const left = c.x - WIDTH / 2;
  const top = c.y - HEIGHT / 2;
  const tiles: { x: number; y: number }[] = [];
  for (let x = Math.floor(left / TILE); x <= Math.floor((left + WIDTH) / TILE); x++) {
    for (let y = Math.floor(top / TILE); y <= Math.floor((top + HEIGHT) / TILE); y++) {
      if (y >= 0 && y < 2 ** zoom) tiles.push({ x, y });
    }
  }

  function pick(event: MouseEvent<HTMLDivElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const point = toLatLon(left + event.clientX - box.left, top + event.clientY - box.top, zoom);
    setMarker(point);
    setCenter(point);
    for (const [id, value] of [
      [latId, point.lat],
      [lonId, point.lon],
    ] as const) {
      const el = document.getElementById(id) as HTMLInputElement | null;
      if (el) el.value = String(value);
    }
  }

  const m = marker ? toPixel(marker.lat, marker.lon, zoom) : null;
  return (
    <div className="stack">
      <p className="meta">{t("staff.map.hint")}</p>
      <div
        aria-hidden="true"
        onClick={pick}
        style={{
          position: "relative",
          width: WIDTH,
          maxWidth: "100%",
          height: HEIGHT,
          overflow: "hidden",
          cursor: "crosshair",
          border: "1px solid var(--line)",
          borderRadius: "var(--radius)",
          background: "#dfe8e8",
        }}
      >
        {tiles.map(({ x, y }) => {
          const n = 2 ** zoom;
          const wrapped = ((x % n) + n) % n;
          return (
            <img
              key={`${x}-${y}`}
              src={`https://tile.openstreetmap.org/${zoom}/${wrapped}/${y}.png`}
              alt=""
              width={TILE}
              height={TILE}
              draggable={false}
              style={{ position: "absolute", left: x * TILE - left, top: y * TILE - top }}
            />
          );
        })}
        {m ? (
          <span
            style={{
              position: "absolute",
              left: m.x - left - 9,
              top: m.y - top - 9,
              width: 18,
              height: 18,
              borderRadius: "50%",
              background: "var(--error)",
              border: "3px solid #fff",
              boxShadow: "0 0 0 2px var(--ink)",
            }}
          />
        ) : null}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => setZoom((z) => Math.min(18, z + 1))}
        >
          {t("staff.map.zoomIn")}
        </button>
        <button type="button" className="button" onClick={() => setZoom((z) => Math.max(5, z - 1))}>
          {t("staff.map.zoomOut")}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t("staff.map.close")}
        </button>
      </div>
      <p className="meta">
        {t("staff.map.attribution")}{" "}
        <a href="https://www.openstreetmap.org/copyright" rel="noreferrer">
          © OpenStreetMap
        </a>
      </p>
    </div>
  );
}
