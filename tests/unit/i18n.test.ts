import { describe, expect, it } from "vitest";
import { catalog } from "#app/infra/i18n/catalog.ts";
import {
  baseLangOf,
  dirOf,
  fallbackChain,
  formatDate,
  formatDateTime,
  getPack,
  languageName,
  languageOf,
  plainLocaleOf,
  registerPacks,
  translator,
  weekdayName,
} from "#app/infra/i18n/i18n.ts";
import {
  langOfSearch,
  localeOfSearch,
  PARTICIPANT_ADDRESS_LANGS,
  pathInLang,
} from "#app/infra/i18n/addresses.ts";
import { SERVER_PACKS } from "#app/infra/i18n/packs.server.ts";

describe("locales and their fallback order", () => {
  it("names a language, a direction and the fi/sv/en behind each locale", () => {
    expect(languageOf("fi-x-selko")).toBe("fi");
    expect(dirOf("ar")).toBe("rtl");
    expect(dirOf("uk")).toBe("ltr");
    expect(baseLangOf("so")).toBe("en");
    expect(baseLangOf("sv-x-lattlast")).toBe("sv");
    expect(plainLocaleOf("sv")).toBe("sv-x-lattlast");
    expect(plainLocaleOf("uk")).toBeNull();
    expect(fallbackChain("so")).toEqual(["so", "en", "fi"]);
    expect(fallbackChain("fi-x-selko")).toEqual(["fi-x-selko", "fi"]);
    expect(fallbackChain("sv")).toEqual(["sv"]);
  });

  it("falls back along the chain for a message a pack lacks", () => {
    expect(getPack("so")).toBe(SERVER_PACKS.so);
    // A professional message has no Somali version: English, as the chain says.
    expect(translator("so")("reports.title")).toBe(catalog["reports.title"].en);
    expect(translator("fi-x-selko")("reports.title")).toBe(catalog["reports.title"].fi);
    expect(translator("so")("catalog.title")).toBe(SERVER_PACKS.so.messages["catalog.title"]);
  });

  it("keeps filled-in values apart from Arabic text with bidi isolates, and only there", () => {
    expect(translator("ar")("catalog.by", { name: "SaimaanVirta ry" })).toBe(
      "الجهة المنظمة: \u2068SaimaanVirta ry\u2069",
    );
    expect(translator("fi")("catalog.by", { name: "SaimaanVirta ry" })).toBe(
      "Järjestäjä: SaimaanVirta ry",
    );
  });

  it("writes weekdays and dates in the locale", () => {
    expect(weekdayName(2, "uk", "long")).toBe("вівторок");
    expect(weekdayName(2, "fi-x-selko", "short")).toBe("tiistai");
    expect(weekdayName(2, "fi", "short")).toBe("ti");
    expect(formatDate("2026-03-05", "fi")).toBe("5.3.2026");
    // Not Intl's sv-FI: Chromium writes it 2026-03-05, Node 5.3.2026 (hydration).
    expect(formatDate("2026-03-05", "sv")).toBe("5.3.2026");
    expect(formatDate("2026-03-05", "en")).toBe("05/03/2026");
    expect(formatDateTime(new Date("2026-03-05T15:07:00Z"), "sv")).toBe("5.3.2026 kl. 17.07");
    expect(formatDateTime(new Date("2026-07-05T05:07:00Z"), "fi")).toBe("5.7.2026 klo 8.07");
    // Month spelled out: 3/5 means different days in different countries.
    expect(formatDate("2026-03-05", "so")).not.toMatch(/^\d+\/\d+\/\d+$/);
    expect(formatDate("2026-03-05", "et")).toContain("märts");
  });

  it("re-merges when packs are registered again", () => {
    registerPacks({ et: { ...SERVER_PACKS.et, messages: { "catalog.title": "Proov" } } });
    expect(translator("et")("catalog.title")).toBe("Proov");
    registerPacks({ et: SERVER_PACKS.et });
    expect(translator("et")("catalog.title")).toBe(SERVER_PACKS.et.messages["catalog.title"]);
  });
});

describe("language names", () => {
  it("names every language in every UI language, the participant languages' from their packs", () => {
    expect(SERVER_PACKS.uk).toBeDefined();
    expect(languageName("de", "fi")).toBe("saksa");
    expect(languageName("de", "sv")).toBe("tyska");
    expect(languageName("de", "uk")).toBe("німецька");
    expect(languageName("de", "ar")).toBe("الألمانية");
    expect(languageName("de", "fi-x-selko")).toBe("saksa");
    // A pack's own word wins over the generated one.
    expect(languageName("fi", "uk")).toBe("фінська");
    expect(languageName("xx", "fi")).toBe("xx");
  });
});

describe("per-locale addresses", () => {
  it("sets, replaces and removes ?lang= and keeps the rest", () => {
    expect(pathInLang("/?q=kala&page=2#tulokset", "ar")).toBe("/?q=kala&page=2&lang=ar#tulokset");
    expect(pathInLang("/?lang=uk&q=kala", "fi-x-selko")).toBe("/?lang=fi-x-selko&q=kala");
    expect(pathInLang("/activities/a?lang=uk", null)).toBe("/activities/a");
    expect(localeOfSearch("?lang=sv-x-lattlast")).toBe("sv-x-lattlast");
    expect(localeOfSearch("?lang=de")).toBeNull();
  });

  it("gives plain-language pages no hreflang of their own: same language, own address", () => {
    expect(PARTICIPANT_ADDRESS_LANGS).toContain("uk");
    expect(PARTICIPANT_ADDRESS_LANGS).toContain("ar");
    expect(PARTICIPANT_ADDRESS_LANGS).not.toContain("fi-x-selko");
    expect(PARTICIPANT_ADDRESS_LANGS).not.toContain("sv-x-lattlast");
  });

  it("maps a locale's address to the fi/sv/en of what exists only in those (calendars)", () => {
    expect(langOfSearch("?lang=uk")).toBe("en");
    expect(langOfSearch("?lang=fi-x-selko")).toBe("fi");
    expect(langOfSearch("?lang=sv-x-lattlast")).toBe("sv");
  });
});
