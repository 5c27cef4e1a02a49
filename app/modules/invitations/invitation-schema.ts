import { z } from "zod";
import { RefSchema } from "../common/common-schema.ts";

/** Roles an admin may invite into an organization (participants are invited by their worker). */
export const INVITABLE_ROLES = ["staff", "worker", "pilot"] as const;

export const InviteFormSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "admin.error.email")
      .max(254, "admin.error.email")
      .pipe(z.email("admin.error.email")),
    role: z.enum(INVITABLE_ROLES, { error: "admin.error.role" }),
    organizationRef: RefSchema.pipe(z.string().min(1, "admin.error.organization")),
    // A pilot's invitation may link an existing (e.g. imported) profile.
    pilotRef: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || undefined),
  })
  .refine((v) => v.role === "pilot" || !v.pilotRef, {
    path: ["pilotRef"],
    message: "admin.error.pilotRefOnlyForPilot",
  });

export type InviteForm = z.input<typeof InviteFormSchema>;

/** The token in /invite/:token: base64url of 32 random bytes. */
export const InviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** The invitee's own form: a name to show and a new password (policy checked on the server). */
export const AcceptInvitationFormSchema = z
  .object({
    displayName: z
      .string()
      .trim()
      .min(1, "admin.error.displayName")
      .max(80, "admin.error.displayName"),
    password: z.string().min(12, "password.tooShort").max(1024, "password.tooLong"),
    confirm: z.string().max(1024),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "password.mismatch" });
