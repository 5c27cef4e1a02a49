import { z } from "zod";

/**
 * A Finnish postal code as a person types it: five digits, spaces around
 * allowed. Whether the code exists is the server's question
 * (placeOfPostalCode in municipalities.server.ts): the code list is
 * server-only data. Browser-safe (the forms check the shape before sending).
 */
export const PostalCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{5}$/, "places.error.postalCodeFormat");

/** "Kauppatie 4, 59100 Parikkala" → street and code; the code is null when the address ends otherwise. */
export function splitPostalCode(address: string): { street: string; postalCode: string | null } {
  const parts = address
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const last = parts.at(-1);
  const code = last ? /^(\d{5})(?:\s+.+)?$/.exec(last)?.[1] : undefined;
  if (!code) return { street: parts.join(", "), postalCode: null };
  return { street: parts.slice(0, -1).join(", "), postalCode: code };
}
