import { useEffect, useId, useRef, useState } from "react";
import type { LinksFunction } from "@remix-run/node";
import leafletCss from "leaflet/dist/leaflet.css";
import clusterCss from "leaflet.markercluster/dist/MarkerCluster.css";
import { useMapTexts, useMapTiles } from "./map/use-map-settings.ts";
import type { MapPoint } from "./map/map-types.ts";

export type { MapPoint };

/** Leaflet's own styles, for the routes that show a map (hashed files, cached for a year). */
export const mapLinks: LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: clusterCss },
];

/** True once React runs in the browser: maps are never rendered on the server. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function MapCanvas({ points, label }: { points: MapPoint[]; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const tiles = useMapTiles();
  const texts = useMapTexts();
  // One key for what the map shows: a new search redraws it, a re-render does not.
  const key = JSON.stringify([points, tiles, texts]);
  useEffect(() => {
    let destroy: (() => void) | undefined;
    let cancelled = false;
    void import("./map/leaflet.client.ts").then(({ showPoints }) => {
      if (cancelled || !element.current) return;
      destroy = showPoints(element.current, { tiles, points, texts });
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for all three
  }, [key]);
  return <div ref={element} className="map" role="region" aria-label={label} />;
}

/**
 * Activities on a map, beside the list that stays the primary view: without
 * JavaScript nothing is rendered, and with it the map is one more way to see
 * the same results. `toggle` puts it behind a button (the catalog); otherwise
 * it is shown at once (an activity's own page).
 */
export function ActivityMap({
  points,
  label,
  toggle,
  note,
}: {
  points: MapPoint[];
  label: string;
  toggle?: { show: string; hide: string };
  note?: string;
}) {
  const hydrated = useHydrated();
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!hydrated || points.length === 0) return null;
  if (!toggle)
    return (
      <div className="map-block">
        <MapCanvas points={points} label={label} />
        {note ? <p className="meta">{note}</p> : null}
      </div>
    );
  return (
    <div className="map-block">
      <button
        type="button"
        className="button map-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path
            d="M9 4L3 6v14l6-2 6 2 6-2V4l-6 2-6-2zM9 4v14M15 6v14"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
        </svg>
        {open ? toggle.hide : toggle.show}
      </button>
      <div id={id} hidden={!open}>
        {open ? <MapCanvas points={points} label={label} /> : null}
        {open && note ? <p className="meta">{note}</p> : null}
      </div>
    </div>
  );
}
