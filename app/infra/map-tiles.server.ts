import { getEnv } from "./env.server.ts";

/**
 * Where the maps' tiles come from (ADR 016). Browsers fetch them straight
 * from the tile server; Luotsi's server never calls it. The same setting
 * feeds the maps and the CSP's img-src, so changing the provider is one
 * environment variable.
 */
export type MapTiles = {
  /** Leaflet URL template: {z}/{x}/{y}, optionally {s} and {r}. */
  url: string;
  attribution: string;
  attributionUrl: string;
};

export function getMapTiles(): MapTiles {
  const env = getEnv();
  return {
    url: env.MAP_TILE_URL,
    attribution: env.MAP_TILE_ATTRIBUTION,
    attributionUrl: env.MAP_TILE_ATTRIBUTION_URL,
  };
}

/**
 * The CSP source expression that admits the tiles: the template's scheme,
 * host and port. A placeholder in the host ({s} subdomains) becomes a
 * wildcard for its leftmost label, the only place CSP allows one.
 */
let memo: { template: string; source: string } | undefined;

export function tileImageSource(template: string = getEnv().MAP_TILE_URL): string {
  // Asked for every response's CSP: parsed once per setting.
  if (memo?.template === template) return memo.source;
  const source = parseTileSource(template);
  memo = { template, source };
  return source;
}

function parseTileSource(template: string): string {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(template);
  if (!match) throw new Error("MAP_TILE_URL is not an http(s) URL");
  const scheme = match[1]!.toLowerCase();
  let host = match[2]!.toLowerCase();
  if (host.includes("{")) {
    const labels = host.split(".");
    const firstPlain = labels.findLastIndex((l) => l.includes("{")) + 1;
    host = ["*", ...labels.slice(firstPlain)].join(".");
  }
  return `${scheme}://${host}`;
}
