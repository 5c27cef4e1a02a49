import { describe, expect, it } from "vitest";
import { InterestMatcher, rootsOf } from "#app/modules/interests/normalize.ts";
import { readVocabularySeed } from "../../scripts/lib/seed-data.ts";

const { categories: INTEREST_CATEGORIES, concepts: INTEREST_CONCEPTS } = readVocabularySeed();

const matcher = new InterestMatcher(
  INTEREST_CONCEPTS.map((c) => ({
    key: c.key,
    labels: { fi: c.fi, sv: c.sv, en: c.en },
    category: c.category,
    terms: c.terms,
  })),
);
const keyOf = (fi: string) => INTEREST_CONCEPTS.find((c) => c.fi === fi)!.key;

describe("interest normalizer", () => {
  it.each([
    ["kalastuksesta", "kalastus"],
    ["kalastamaan", "kalastus"],
    ["kalasti", "kalastus"],
    ["kalastaminen", "kalastus"],
    ["fiske", "kalastus"],
    ["fishing", "kalastus"],
    ["salitreeni", "kuntosali"],
    ["kuntosalilla", "kuntosali"],
    ["luonnossa", "luonto"],
    ["pelaamisesta", "videopelit"],
  ])("maps %s to %s", (word, fi) => {
    expect(matcher.normalize(word).keys).toContain(keyOf(fi));
  });

  it("reads free text and keeps unknown words", () => {
    const r = matcher.normalize(
      "Tykkää olla luonnossa, ennen kalasti paljon isän kanssa. Zumba-tyyppinen xyzzy",
    );
    expect(r.keys).toEqual(expect.arrayContaining([keyOf("kalastus"), keyOf("luonto")]));
    expect(r.unknown).toContain("xyzzy");
    expect(r.unknown).not.toContain("kanssa");
  });

  it("does not read a story about a parent or nature as other interests", () => {
    const keys = matcher.normalize("Tykkää olla luonnossa, ennen kalasti paljon isän kanssa.").keys;
    expect(keys.sort()).toEqual([keyOf("kalastus"), keyOf("luonto")].sort());
    expect(matcher.normalize("luonnoksia").keys).not.toContain(keyOf("luonto"));
  });

  it("does not confuse unrelated words", () => {
    expect(matcher.normalize("metsästys").keys).not.toContain(keyOf("metsä"));
    expect(matcher.normalize("pelastus").keys).toEqual([]);
  });

  it("handles phrases and compounds", () => {
    expect(matcher.normalize("salilla käynti").keys).toContain(keyOf("kuntosali"));
    expect(matcher.normalize("pilkkikalastus").keys.length).toBeGreaterThan(0);
  });

  it("has a consistent seed vocabulary", () => {
    const categories = new Set(INTEREST_CATEGORIES.map((c) => c.key));
    expect(INTEREST_CONCEPTS.length).toBeGreaterThanOrEqual(100);
    for (const c of INTEREST_CONCEPTS) expect(categories.has(c.category), c.key).toBe(true);
    expect(new Set(INTEREST_CONCEPTS.map((c) => c.key)).size).toBe(INTEREST_CONCEPTS.length);
  });

  it("derives roots with consonant gradation", () => {
    expect(rootsOf("kalastus")).toContain("kalast");
    expect(rootsOf("luonto")).toContain("luonn");
  });
});
