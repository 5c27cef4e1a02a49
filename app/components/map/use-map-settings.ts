import { useMemo } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import { dirOf, translator } from "#app/infra/i18n/i18n.ts";
import { useLocale } from "#app/infra/i18n/use-t.ts";
import type { MapTexts, MapTiles } from "./map-types.ts";

const OSM: MapTiles = {
  url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
  attribution: "© OpenStreetMap contributors",
  attributionUrl: "https://www.openstreetmap.org/copyright",
};

/** The tile settings the root loader passes on from MAP_TILE_URL (app/infra/map-tiles.server.ts). */
export function useMapTiles(): MapTiles {
  return (useRouteLoaderData("root") as { mapTiles?: MapTiles } | undefined)?.mapTiles ?? OSM;
}

/** Leaflet's own texts in the page's locale; stable while the locale is. */
export function useMapTexts(): MapTexts {
  const locale = useLocale();
  return useMemo(() => {
    const t = translator(locale);
    return {
      dir: dirOf(locale),
      zoomIn: t("map.zoomIn"),
      zoomOut: t("map.zoomOut"),
      cluster: t("map.cluster"),
      picked: t("map.picked"),
    };
  }, [locale]);
}
