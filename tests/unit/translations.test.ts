import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalog, type MessageKey } from "#app/infra/i18n/catalog.ts";
import { EXTRA_LANGS, PLAIN_LOCALES, type PackLocale } from "#app/infra/i18n/i18n.ts";
import { SERVER_PACKS } from "#app/infra/i18n/packs.server.ts";

/**
 * Every participant-facing message exists in every participant language
 * and in plain Finnish and Swedish (issue #16).
 *
 * "Participant-facing" is found, not listed: the routes that declare
 * `handle = publicPage | participantPage`, the root layout, and every
 * component those import (transitively), plus the server modules that write
 * text a participant reads. Any message key named in those files, or any
 * key matching a template like t(`kind.${k}`), must be translated. So a
 * new text on the catalog page fails this test until it is.
 */
const ROOT = path.resolve("app");

/** Server-made text a participant reads: fit notes on /me, the password rules, the invitation mail. */
const SERVER_SOURCES = [
  "modules/participants/shortlist.server.ts",
  "modules/matching/fit-notes.ts",
  "modules/auth/password-policy.server.ts",
];
const SERVER_KEYS: MessageKey[] = [
  "invite.mail.subject",
  "invite.mail.body",
  // AcceptInvitationFormSchema's own message for the name field.
  "admin.error.displayName",
];

function resolveImport(from: string, spec: string): string | null {
  let target: string;
  if (spec.startsWith("#app/")) target = path.join(ROOT, spec.slice("#app/".length));
  else if (spec.startsWith(".")) target = path.resolve(path.dirname(from), spec);
  else return null;
  // UI pieces only (components, hooks): not server modules, schemas or the i18n machinery.
  const uiPiece =
    target.endsWith(".tsx") || (target.includes("/components/") && target.endsWith(".ts"));
  if (!uiPiece || target.includes("/infra/")) return null;
  return fs.existsSync(target) ? target : null;
}

function participantSources(): string[] {
  const routes = fs
    .readdirSync(path.join(ROOT, "routes"))
    .map((f) => path.join(ROOT, "routes", f))
    .filter((f) =>
      /export const handle = (\{[^}]*)?\.{0,3}(publicPage|participantPage)/.test(
        fs.readFileSync(f, "utf8"),
      ),
    );
  const seen = new Set<string>();
  const queue = [path.join(ROOT, "root.tsx"), ...routes];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/from "([^"]+)"/g)) {
      const next = resolveImport(file, m[1]!);
      if (next) queue.push(next);
    }
  }
  return [...seen, ...SERVER_SOURCES.map((f) => path.join(ROOT, f))];
}

const KEYS = Object.keys(catalog) as MessageKey[];

function keysUsedIn(file: string): Set<MessageKey> {
  const source = fs.readFileSync(file, "utf8");
  const used = new Set<MessageKey>();
  for (const m of source.matchAll(/["'`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)["'`]/g))
    if (m[1]! in catalog) used.add(m[1] as MessageKey);
  for (const m of source.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g))
    for (const key of KEYS) if (key.startsWith(m[1]!)) used.add(key);
  return used;
}

export function participantKeys(): MessageKey[] {
  const keys = new Set<MessageKey>(SERVER_KEYS);
  for (const file of participantSources()) for (const key of keysUsedIn(file)) keys.add(key);
  return [...keys].sort();
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const baseOf = (locale: PackLocale) =>
  locale === "fi-x-selko" ? "fi" : locale === "sv-x-lattlast" ? "sv" : "en";

describe("participant-facing messages", () => {
  const keys = participantKeys();

  it("are found on the participant's screens", () => {
    // A guard for the finder itself: the catalog, the activity page and /me are in.
    for (const key of ["catalog.title", "activity.when", "me.title", "shortlist.fit.full"])
      expect(keys).toContain(key);
    // ...and a professional-only screen is not.
    expect(keys).not.toContain("reports.title");
  });

  for (const locale of [...EXTRA_LANGS, ...PLAIN_LOCALES]) {
    it(`all have a ${locale} version with the same placeholders`, () => {
      const pack = SERVER_PACKS[locale].messages as Partial<Record<MessageKey, string>>;
      const missing = keys.filter((k) => !pack[k]?.trim());
      expect(missing, `${locale}: translate these`).toEqual([]);
      const wrong = keys.filter(
        (k) =>
          JSON.stringify(placeholders(pack[k]!)) !==
          JSON.stringify(placeholders(catalog[k][baseOf(locale)])),
      );
      expect(wrong, `${locale}: placeholders differ from ${baseOf(locale)}`).toEqual([]);
    });
  }

  it("are really translated: no language pack repeats the English text", () => {
    // Names and the language menu's labels are the same in every language; some words too.
    const sameWord: Partial<Record<string, MessageKey[]>> = { et: ["kind.sport"] };
    for (const locale of EXTRA_LANGS) {
      const same = (k: MessageKey) =>
        k === "app.name" || k.startsWith("lang.switchTo.") || !!sameWord[locale]?.includes(k);
      const pack = SERVER_PACKS[locale].messages as Partial<Record<MessageKey, string>>;
      const copied = keys.filter(
        (k) =>
          !same(k) &&
          /\p{L}{3}/u.test(catalog[k].en.replace(/\{\w+\}/g, "")) &&
          pack[k] === catalog[k].en,
      );
      expect(copied, `${locale}: still English`).toEqual([]);
    }
  });

  it("in Arabic are written in Arabic script", () => {
    const pack = SERVER_PACKS.ar.messages as Partial<Record<MessageKey, string>>;
    const latinOnly = keys.filter((k) => {
      const text = (pack[k] ?? "").replace(/\{\w+\}/g, "");
      return /\p{L}/u.test(text) && !/\p{Script=Arabic}/u.test(text) && !k.startsWith("lang.");
    });
    expect(latinOnly.filter((k) => k !== "app.name")).toEqual([]);
  });
});

/**
 * Plain language (Selkokeskus's guidelines): short sentences, one thing in
 * each, common words, no abbreviations. A machine can check length and
 * abbreviations; the words are for people to judge (docs/translations.md).
 */
describe("plain-language texts", () => {
  const ABBREVIATIONS: Record<string, RegExp> = {
    "fi-x-selko": /(?<!\p{L})(esim|yms|ym|jne|ns|ks|mm|klo|n|ts|vrt)\.(?=\s|$)/iu,
    "sv-x-lattlast": /(?<!\p{L})(t\.ex|bl\.a|m\.m|osv|kl|dvs|ca|s\.k)\.?(?=\s|$)/iu,
  };
  const MAX_WORDS = 14;

  for (const locale of PLAIN_LOCALES) {
    it(`in ${locale} have sentences of at most ${MAX_WORDS} words and no abbreviations`, () => {
      const long: string[] = [];
      const abbreviated: string[] = [];
      for (const [key, text] of Object.entries(SERVER_PACKS[locale].messages)) {
        if (!text) continue;
        for (const sentence of text.split(/(?<=[.!?:])\s+|\n+/)) {
          const words = sentence
            .replace(/\{\w+\}/g, "X")
            .split(/\s+/)
            .filter(Boolean);
          if (words.length > MAX_WORDS) long.push(`${key}: ${sentence}`);
        }
        if (ABBREVIATIONS[locale]!.test(text)) abbreviated.push(`${key}: ${text}`);
      }
      expect(long).toEqual([]);
      expect(abbreviated).toEqual([]);
    });
  }
});
