// Leaflet is a browser library (it reads `window` when loaded), so this file
// is client-only (`.client.ts`) and loaded with import() once a map is shown.
import L from "leaflet";
// The plugin attaches L.markerClusterGroup to the global L that Leaflet sets;
// the default import above is that same live object.
import "leaflet.markercluster";
import type { MapPoint, MapTexts, MapTiles } from "./map-types.ts";

const FINLAND_CENTRE: L.LatLngTuple = [64.5, 26];

function escapeHtml(text: string) {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

function createBaseMap(element: HTMLElement, tiles: MapTiles, texts: MapTexts) {
  const map = L.map(element, {
    zoomControl: false,
    // A page scrolls under the finger and the wheel; the map zooms with its buttons, two fingers or a double tap.
    scrollWheelZoom: false,
    attributionControl: false,
  });
  L.control
    .zoom({
      position: texts.dir === "rtl" ? "topright" : "topleft",
      zoomInTitle: texts.zoomIn,
      zoomOutTitle: texts.zoomOut,
    })
    .addTo(map);
  L.control
    .attribution({ position: texts.dir === "rtl" ? "bottomleft" : "bottomright", prefix: false })
    .addAttribution(
      `<a href="${escapeHtml(tiles.attributionUrl)}" rel="noopener noreferrer">${escapeHtml(tiles.attribution)}</a>`,
    )
    .addTo(map);
  L.tileLayer(tiles.url, { maxZoom: 18, minZoom: 4, crossOrigin: false }).addTo(map);
  return map;
}

/** A pin drawn in CSS (no image files to serve); its tip is the point. */
function pinIcon(exact: boolean, label: string) {
  return L.divIcon({
    className: exact ? "map-pin" : "map-pin map-pin-approximate",
    html: `<span class="visually-hidden">${escapeHtml(label)}</span>`,
    iconSize: [28, 28],
    iconAnchor: [14, 28],
    popupAnchor: [0, -26],
  });
}

function popupHtml(point: MapPoint) {
  const title = point.href
    ? `<a href="${escapeHtml(point.href)}" dir="auto"${point.lang ? ` lang="${escapeHtml(point.lang)}"` : ""}>${escapeHtml(point.title)}</a>`
    : `<span dir="auto"${point.lang ? ` lang="${escapeHtml(point.lang)}"` : ""}>${escapeHtml(point.title)}</span>`;
  return `<p class="map-popup-title">${title}</p>${point.detail ? `<p class="map-popup-detail">${escapeHtml(point.detail)}</p>` : ""}`;
}

/**
 * Activities as clustered markers. Each marker is a keyboard-focusable
 * button (Leaflet's `keyboard` option) named by the activity's title;
 * Enter opens a popup with the link. Returns a function that removes the map.
 */
export function showPoints(
  element: HTMLElement,
  { tiles, points, texts }: { tiles: MapTiles; points: MapPoint[]; texts: MapTexts },
): () => void {
  const map = createBaseMap(element, tiles, texts);
  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: 48,
    iconCreateFunction: (cluster) => {
      const count = cluster.getChildCount();
      return L.divIcon({
        className: "map-cluster",
        html: `<span aria-hidden="true">${count}</span><span class="visually-hidden">${escapeHtml(texts.cluster.replace("{count}", String(count)))}</span>`,
        iconSize: [40, 40],
      });
    },
  });
  for (const point of points) {
    const marker = L.marker([point.lat, point.lon], {
      icon: pinIcon(point.exact, point.title),
      keyboard: true,
      riseOnHover: true,
    });
    marker.bindPopup(popupHtml(point), { closeButton: true, autoPanPadding: [24, 24] });
    marker.on("add", () => marker.getElement()?.setAttribute("data-ref", point.id));
    clusters.addLayer(marker);
  }
  map.addLayer(clusters);
  if (points.length === 0) map.setView(FINLAND_CENTRE, 5);
  else if (points.length === 1)
    map.setView([points[0]!.lat, points[0]!.lon], points[0]!.exact ? 15 : 12);
  else
    map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as L.LatLngTuple)), {
      padding: [32, 32],
      maxZoom: 14,
    });
  element.dataset.ready = "true";
  return () => map.remove();
}

/**
 * The staff form's place picker: a click or tap sets the point; dragging the
 * pin moves it. `onPick` fills the coordinate fields, which stay the
 * accessible way to give the place.
 */
export function pickPoint(
  element: HTMLElement,
  {
    tiles,
    texts,
    centre,
    zoom,
    point,
    onPick,
  }: {
    tiles: MapTiles;
    texts: MapTexts;
    centre: { lat: number; lon: number };
    zoom: number;
    point: { lat: number; lon: number } | null;
    onPick: (point: { lat: number; lon: number }) => void;
  },
): () => void {
  const map = createBaseMap(element, tiles, texts);
  map.setView([centre.lat, centre.lon], zoom);
  let marker: L.Marker | null = null;
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  const place = (latlng: L.LatLng, notify: boolean) => {
    const picked = { lat: round(latlng.lat), lon: round(latlng.lng) };
    if (!marker) {
      marker = L.marker(latlng, {
        icon: pinIcon(true, texts.picked),
        draggable: true,
        keyboard: false,
      }).addTo(map);
      marker.on("dragend", () => place(marker!.getLatLng(), true));
    } else marker.setLatLng(latlng);
    if (notify) onPick(picked);
  };
  if (point) place(L.latLng(point.lat, point.lon), false);
  map.on("click", (event: L.LeafletMouseEvent) => place(event.latlng, true));
  element.dataset.ready = "true";
  return () => map.remove();
}
