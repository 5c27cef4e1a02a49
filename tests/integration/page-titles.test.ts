import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGS, translator } from "#app/infra/i18n/i18n.ts";

/**
 * Every page's title (and description) comes from the message catalog in the
 * page's language: a Swedish page never says "Osallistuja – Luotsi".
 */
const ROUTES = path.resolve("app/routes");
const files = fs.readdirSync(ROUTES).filter((f) => f.endsWith(".tsx"));

type Meta = (args: unknown) => Array<Record<string, string>>;

describe("page titles", () => {
  it("no route writes a title or description as a literal", () => {
    for (const f of files) {
      const source = fs.readFileSync(path.join(ROUTES, f), "utf8");
      expect(source, f).not.toMatch(/title:\s*["'`]/);
      expect(source, f).not.toMatch(/name:\s*"description",\s*content:\s*["'`]/);
    }
  });

  it("every page with a meta function titles itself in fi, sv and en", async () => {
    let checked = 0;
    for (const f of files) {
      const mod = (await import(path.join(ROUTES, f))) as { meta?: Meta; default?: unknown };
      if (!mod.default) continue;
      expect(mod.meta, `${f} has no meta`).toBeTypeOf("function");
      const titles = LANGS.map((lang) => {
        const out = mod.meta!({
          data: undefined,
          params: {},
          location: { pathname: "/", search: "", hash: "" },
          matches: [{ id: "root", data: { lang, user: null } }],
        });
        const title = out.find((d) => "title" in d)?.title ?? "";
        expect(title, f).toMatch(new RegExp(` – ${translator(lang)("app.name")}$`));
        return title;
      });
      // Finnish and Swedish differ (English may share a word with either).
      expect(titles[0], f).not.toBe(titles[1]);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(30);
  }, 120_000);
});
