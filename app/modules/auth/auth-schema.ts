import { z } from "zod";

/** The roles in code, exactly (BRIEF.md); one per account. */
export const ROLES = ["admin", "staff", "worker", "pilot", "participant"] as const;
export type Role = (typeof ROLES)[number];

export const LoginFormSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "field.required")
    .max(254)
    .pipe(z.email("field.email")),
  password: z.string().min(1, "field.required").max(256),
  redirectTo: z.string().max(500).optional(),
});

/** Only same-site paths, so a crafted link cannot send a user elsewhere after sign-in. */
export function safeRedirect(to: string | null | undefined, fallback = "/dashboard") {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
