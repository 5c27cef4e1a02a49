import { findMunicipality, findMunicipalityByPostcode } from "./municipalities.server.ts";

/** A place's address in the parts that open data formats ask for. */
export type PostalAddress = {
  /** Street and number or a named place, as written; null when only the municipality is known. */
  street: string | null;
  /** Five digits when the address carries them (Finnish addresses end "…, 59100 Parikkala"). */
  postalCode: string | null;
  /** The post town as written, else the municipality's Finnish name. */
  locality: string;
  /** The region (maakunta) of the municipality, in Finnish. */
  region: string | null;
  country: "FI";
};

/**
 * Splits the free-text address an association typed ("Kauppatie 4, 59100
 * Parikkala", "Kauppatie 4, Parikkala" or just "Kauppatie 4") into parts.
 * A trailing "NNNNN Town" or a trailing municipality name is the post town;
 * the rest is the street. Nothing is guessed: a postcode that is not written
 * stays null.
 */
export function postalAddressOf(place: {
  address: string | null;
  municipality: string;
}): PostalAddress {
  const municipality = findMunicipality(place.municipality);
  const parts = (place.address ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  let postalCode: string | null = null;
  let locality: string | null = null;
  const last = parts.at(-1);
  const withCode = last ? /^(\d{5})(?:\s+(.+))?$/.exec(last) : null;
  if (withCode) {
    postalCode = withCode[1]!;
    locality = withCode[2] ?? findMunicipalityByPostcode(postalCode)?.fi ?? null;
    parts.pop();
  } else if (last && parts.length > 1 && findMunicipality(last)) {
    locality = last;
    parts.pop();
  }
  return {
    street: parts.length > 0 ? parts.join(", ") : null,
    postalCode,
    locality: locality ?? municipality?.fi ?? place.municipality,
    region: municipality?.region.fi ?? null,
    country: "FI",
  };
}

/** One line, as a letter would carry it: "Kauppatie 4, 59100 Parikkala". */
export function formatPostalAddress(a: PostalAddress): string {
  const town = [a.postalCode, a.locality].filter(Boolean).join(" ");
  return [a.street, town].filter(Boolean).join(", ");
}
