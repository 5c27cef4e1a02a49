import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * NIST SP 800-63B memorized secrets: length is what counts (at least 12
 * characters, long passphrases welcome), no composition rules, and the
 * passwords attackers try first are refused.
 */
export const PASSWORD_MIN_LENGTH = 12;
// Far above NIST's "at least 64"; the cap only keeps argon2 input bounded.
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem =
  | "password.tooShort"
  | "password.tooLong"
  | "password.common"
  | "password.containsEmail";

function commonPasswordsFile() {
  // Works from app/modules/auth (tsx, vitest) and from the bundled build/index.js.
  const candidates = [
    path.join(path.dirname(fileURLToPath(import.meta.url)), "common-passwords.txt"),
    path.resolve(process.cwd(), "app/modules/auth/common-passwords.txt"),
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error("app/modules/auth/common-passwords.txt not found");
  return found;
}

let common: Set<string> | undefined;

/** The 3,000 most common passwords, lower-cased (loaded once). */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(commonPasswordsFile(), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return common;
}

/** NFKC as NIST asks, so that look-alike Unicode forms count as the same password. */
function normalize(password: string) {
  return password.normalize("NFKC");
}

/** Length in characters as people count them (code points, not UTF-16 units). */
function lengthOf(password: string) {
  return [...normalize(password)].length;
}

export function isCommonPassword(password: string) {
  const p = normalize(password).toLowerCase();
  return commonPasswords().has(p) || commonPasswords().has(p.trim());
}

function problemOf(password: string, email?: string | null): PasswordProblem | undefined {
  const length = lengthOf(password);
  if (length < PASSWORD_MIN_LENGTH) return "password.tooShort";
  if (length > PASSWORD_MAX_LENGTH) return "password.tooLong";
  if (isCommonPassword(password)) return "password.common";
  if (email) {
    const lower = normalize(password).toLowerCase();
    const address = email.trim().toLowerCase();
    const local = address.split("@")[0] ?? "";
    if (lower.includes(address) || (local.length >= 4 && lower === local))
      return "password.containsEmail";
  }
  return undefined;
}

/** A new password as forms receive it: the messages are catalog keys. */
export const NewPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = problemOf(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Invitation acceptance and password change: new password twice, the second must match. */
export const SetPasswordFormSchema = z
  .object({
    password: NewPasswordSchema,
    confirm: z.string().max(PASSWORD_MAX_LENGTH * 4),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "password.mismatch",
  });

export const ChangePasswordFormSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, "field.required")
      .max(PASSWORD_MAX_LENGTH * 4),
    password: NewPasswordSchema,
    confirm: z.string().max(PASSWORD_MAX_LENGTH * 4),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "password.mismatch",
  });

/**
 * The whole policy for one account: the schema's rules plus "not your own
 * email address" (NIST's context-specific words).
 */
export function validateNewPassword(
  password: string,
  context: { email?: string | null } = {},
): { ok: true } | { ok: false; error: PasswordProblem } {
  const problem = problemOf(password, context.email);
  return problem ? { ok: false, error: problem } : { ok: true };
}
