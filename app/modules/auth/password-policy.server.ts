import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as ZxcvbnCore from "@zxcvbn-ts/core";
import type * as ZxcvbnCommon from "@zxcvbn-ts/language-common";
import type * as ZxcvbnEn from "@zxcvbn-ts/language-en";
import type * as ZxcvbnFi from "@zxcvbn-ts/language-fi";
import { z } from "zod";
import { SWEDISH_WORDS } from "./swedish-words.ts";

/**
 * NIST SP 800-63B memorized secrets: length is what counts (at least 12
 * characters, long passphrases welcome), no composition rules, and the
 * passwords attackers try first are refused: a list of the most common
 * ones (which holds the demo data's published password too) and a strength
 * estimate (zxcvbn-ts with common, English and Finnish dictionaries and a
 * short Swedish list of our own; ADR 010), so that twelve spaces,
 * "aaaaaaaaaaaa" or "abcdefghijkl" are refused although they are long enough.
 */
export const PASSWORD_MIN_LENGTH = 12;
// Far above NIST's "at least 64"; the cap only keeps argon2 input bounded.
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem =
  | "password.tooShort"
  | "password.tooLong"
  | "password.control"
  | "password.common"
  | "password.weak"
  | "password.containsEmail";

/** zxcvbn's 0–4: 3 is "safely unguessable" (about 10^8 guesses or more). */
export const MIN_STRENGTH_SCORE = 3;
/** The estimate reads this many characters: enough to find any pattern, and it stays fast. */
const ESTIMATED_LENGTH = 64;
/** Words of this site that make a guess easier (zxcvbn's user inputs). */
const SITE_WORDS = ["luotsi", "toimintaluotsi", "koordinaattori", "yhdistys", "osallistuja"];

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

/**
 * Passwords published with Luotsi itself: the demo data's (README, `npm
 * start`). The demo accounts are seeded with it; nobody may choose it
 * (tests/integration/passwords.test.ts checks this stays db/seed.ts's).
 */
export const PUBLISHED_PASSWORDS = ["luotsi-demo-2026"];

export function isCommonPassword(password: string) {
  const p = normalize(password).toLowerCase();
  return (
    commonPasswords().has(p) || commonPasswords().has(p.trim()) || PUBLISHED_PASSWORDS.includes(p)
  );
}

type Estimate = (password: string, userInputs: string[]) => number;
let estimate: Estimate | undefined;

/** The estimator, loaded on first use (its dictionaries are a few megabytes). */
function strengthEstimator(): Estimate {
  if (estimate) return estimate;
  const require = createRequire(import.meta.url);
  const core = require("@zxcvbn-ts/core") as typeof ZxcvbnCore;
  const common = require("@zxcvbn-ts/language-common") as typeof ZxcvbnCommon;
  const en = require("@zxcvbn-ts/language-en") as typeof ZxcvbnEn;
  const fi = require("@zxcvbn-ts/language-fi") as typeof ZxcvbnFi;
  core.zxcvbnOptions.setOptions({
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    dictionary: {
      ...common.dictionary,
      ...en.dictionary,
      fiCommonWords: fi.dictionary.commonWords,
      fiFirstnames: [...fi.dictionary.femaleFirstnames, ...fi.dictionary.maleFirstnames],
      fiLastnames: fi.dictionary.lastnames,
      fiWikipedia: fi.dictionary.wikipedia,
      svCommonWords: SWEDISH_WORDS,
    },
    // Substitution search grows fast with length; a few substitutions find the usual l33t forms.
    l33tMaxSubstitutions: 4,
  });
  estimate = (password, userInputs) => core.zxcvbn(password, userInputs).score;
  return estimate;
}

/** zxcvbn's score (0–4) of a password, with the user's own words as known guesses. */
export function passwordStrength(password: string, userInputs: string[] = []) {
  const head = [...normalize(password)].slice(0, ESTIMATED_LENGTH).join("");
  return strengthEstimator()(head, [...SITE_WORDS, ...userInputs]);
}

/** Control characters (NUL, tab, newline…) are no part of a password anyone can type again. */
const CONTROL = /\p{Cc}/u;

function problemOf(password: string, email?: string | null): PasswordProblem | undefined {
  const length = lengthOf(password);
  if (length < PASSWORD_MIN_LENGTH) return "password.tooShort";
  if (length > PASSWORD_MAX_LENGTH) return "password.tooLong";
  if (CONTROL.test(password)) return "password.control";
  if (isCommonPassword(password)) return "password.common";
  const address = email?.trim().toLowerCase() ?? "";
  if (address) {
    const lower = normalize(password).toLowerCase();
    const local = address.split("@")[0] ?? "";
    if (lower.includes(address) || (local.length >= 4 && lower === local))
      return "password.containsEmail";
  }
  const inputs = address ? [address, ...address.split(/[@.+_-]/).filter((w) => w.length >= 3)] : [];
  if (passwordStrength(password, inputs) < MIN_STRENGTH_SCORE) return "password.weak";
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
