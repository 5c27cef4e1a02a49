import { describe, expect, it } from "vitest";
import { placeOfPostalCode } from "#app/modules/places/municipalities.server.ts";
import { PostalCodeSchema, splitPostalCode } from "#app/modules/places/postal-code.ts";

describe("a postal code gives the place (ADR 025)", () => {
  it("names the municipality and the post town, with the municipality's centre as the default point", () => {
    const place = placeOfPostalCode("59100");
    expect(place).toMatchObject({ municipality: "Parikkala", postTown: "Parikkala" });
    expect(place!.point.lat).toBeCloseTo(61.55, 1);
    expect(place!.point.lon).toBeCloseTo(29.5, 1);
    // Helsinki's own codes and a village's code in another municipality.
    expect(placeOfPostalCode("00100")?.municipality).toBe("Helsinki");
    expect(placeOfPostalCode("58900")?.municipality).toBe("Rantasalmi");
    // Posti writes post towns in capitals; people do not.
    expect(placeOfPostalCode(" 57100 ")?.postTown).toBe("Savonlinna");
  });

  it("knows nothing of codes Posti does not list", () => {
    expect(placeOfPostalCode("00001")).toBeUndefined();
    expect(placeOfPostalCode("99998")).toBeUndefined();
  });

  it("takes five digits and nothing else", () => {
    expect(PostalCodeSchema.parse(" 59100 ")).toBe("59100");
    for (const bad of ["5910", "591000", "59 100", "FI-59100", "abcde", ""])
      expect(PostalCodeSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("splits a stored one-line address into street and code", () => {
    expect(splitPostalCode("Kauppatie 4, 59100 Parikkala")).toEqual({
      street: "Kauppatie 4",
      postalCode: "59100",
    });
    expect(splitPostalCode("59100 Parikkala")).toEqual({ street: "", postalCode: "59100" });
    expect(splitPostalCode("Kauppatie 4, Parikkala")).toEqual({
      street: "Kauppatie 4, Parikkala",
      postalCode: null,
    });
  });
});
