import type { Lang } from "#app/infra/i18n/i18n.ts";
import { listMunicipalities } from "../places/municipalities.server.ts";

/** Municipality choices for forms: stored under the Finnish name, shown in the UI language. */
export function municipalityOptions(lang: Lang) {
  return listMunicipalities().map((m) => ({
    value: m.fi,
    label: lang === "sv" && m.sv !== m.fi ? `${m.sv} (${m.fi})` : m.fi,
    lat: m.lat,
    lon: m.lon,
  }));
}
