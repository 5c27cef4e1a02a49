/** What a map shows, serialisable from a loader to the browser. */
export type MapPoint = {
  /** The activity's ref (marker elements carry it as data-ref). */
  id: string;
  lat: number;
  lon: number;
  title: string;
  /** The language the title is written in (WCAG 3.1.2). */
  lang?: string;
  href?: string;
  detail?: string;
  /** False when only the municipality is known and the point is its centre. */
  exact: boolean;
};

export type MapTiles = { url: string; attribution: string; attributionUrl: string };

/** The UI texts Leaflet shows, already translated. */
export type MapTexts = {
  dir: "ltr" | "rtl";
  zoomIn: string;
  zoomOut: string;
  /** "{count} activities here" for a cluster's accessible name. */
  cluster: string;
  /** The picker's pin. */
  picked: string;
};
