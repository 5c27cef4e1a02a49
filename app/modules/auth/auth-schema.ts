import { z } from "zod";

import { ROLES, type Role } from "#db/domain.ts";

/** The roles in code, exactly; one per account (their home is db/domain.ts). */
export { ROLES, type Role };

/** Control characters and whitespace of any kind: browsers drop or reinterpret them in a URL. */
const UNSAFE_IN_REDIRECT = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

/**
 * A `redirectTo` field: a path as a page put it there (`location.pathname +
 * location.search`, always percent-encoded), so control characters and
 * whitespace mean a crafted value and are refused (400), never passed on.
 */
export const RedirectToSchema = z
  .string()
  .max(2000)
  .refine((v) => !UNSAFE_IN_REDIRECT.test(v), "field.invalid")
  .optional();

export const LoginFormSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "field.required")
    .max(254)
    .pipe(z.email("field.email")),
  password: z.string().min(1, "field.required").max(256),
  redirectTo: RedirectToSchema,
});

const PARSE_BASE = "http://luotsi.invalid";

/**
 * Only this site's own paths, so a crafted link cannot send a user elsewhere
 * (after sign-in, the language switch, the shortlist). The target is parsed
 * the way a browser would (WHATWG URL) against this site's origin and must
 * stay on it; control characters, whitespace and backslashes, which
 * browsers strip or turn into slashes (`/\t/evil.example`, `/\\evil`), are
 * refused before that. Anything else gives the fallback.
 */
export function safeRedirect(to: string | null | undefined, fallback = "/dashboard") {
  if (typeof to !== "string" || !to.startsWith("/") || UNSAFE_IN_REDIRECT.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PARSE_BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" parses to the path "//evil.example": a browser reads that as another host.
  if (url.origin !== PARSE_BASE || to.startsWith("//") || path.startsWith("//")) return fallback;
  return path;
}
