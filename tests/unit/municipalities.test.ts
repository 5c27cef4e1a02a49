import { describe, expect, it } from "vitest";
import {
  distanceKm,
  findMunicipality,
  findPlace,
  listMunicipalities,
} from "#app/modules/places/municipalities.server.ts";

/** The municipalities the seed projects work in (the Finnish seed-project descriptions Luotsi started from), with known centres. */
const SEED_MUNICIPALITIES: [string, number, number][] = [
  ["Savonlinna", 61.868, 28.887],
  ["Rantasalmi", 62.065, 28.303],
  ["Vaasa", 63.096, 21.616],
  ["Pori", 61.485, 21.797],
  ["Rauma", 61.128, 21.511],
  ["Eurajoki", 61.201, 21.73],
  ["Eura", 61.13, 22.131],
  ["Kankaanpää", 61.804, 22.395],
  ["Kittilä", 67.653, 24.911],
  ["Posio", 66.11, 28.166],
  ["Ylivieska", 64.072, 24.538],
  ["Raahe", 64.684, 24.479],
  ["Parikkala", 61.55, 29.502],
  ["Rautjärvi", 61.433, 29.367],
  ["Ruokolahti", 61.292, 28.817],
];

describe("municipalities", () => {
  it("lists every Finnish municipality with names in Finnish and Swedish", () => {
    const all = listMunicipalities();
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(findMunicipality("Vasa")?.fi).toBe("Vaasa");
    expect(findMunicipality("helsingfors")?.fi).toBe("Helsinki");
    expect(findMunicipality("Atlantis")).toBeUndefined();
  });

  it.each(SEED_MUNICIPALITIES)("has the centre of %s within 3 km", (name, lat, lon) => {
    const m = findMunicipality(name)!;
    expect(m).toBeDefined();
    expect(distanceKm(m, { lat, lon })).toBeLessThan(3);
  });

  it("finds a place by postal code and measures distances", () => {
    expect(findPlace("57100")?.fi).toBe("Savonlinna");
    const d = distanceKm(findMunicipality("Parikkala")!, findMunicipality("Savonlinna")!);
    expect(d).toBeGreaterThan(35);
    expect(d).toBeLessThan(60);
  });
});
