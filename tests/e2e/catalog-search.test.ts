import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations, DESKTOP, launchBrowser, PHONE } from "./browser.ts";

/**
 * Issue #13 in a real browser: a search with a place and a day shows what it
 * understood as chips, the form reflects them, and removing a chip widens the
 * results; the same with JavaScript turned off.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const resultCount = async (page: Page) =>
  Number((await page.locator("#results-heading").textContent())?.match(/\d+/)?.[0] ?? "-1");

for (const javaScriptEnabled of [true, false]) {
  describe(`understood searches ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    it("shows a place and a day as chips, fills the form, and widens when a chip is removed", async () => {
      const context = await browser.newContext({
        viewport: DESKTOP,
        javaScriptEnabled,
        locale: "fi-FI",
      });
      const page = await context.newPage();
      await page.goto(baseUrl);
      await page.getByLabel("Mitä haluaisit tehdä?").fill("Savonlinnassa tiistaisin");
      await page.getByRole("button", { name: "Hae", exact: true }).click();
      await page.waitForURL(/q=Savonlinnassa/);
      const chips = page.locator(".chips .chip");
      await expect.poll(() => chips.allTextContents()).toEqual(["Savonlinna×", "tiistaisin×"]);
      const narrow = await resultCount(page);
      expect(narrow).toBeGreaterThan(0);

      // The form holds what was understood: the place and the day are in their fields.
      await page.getByText("Rajaa hakua").click();
      await expect
        .poll(() => page.getByLabel("Kunta", { exact: true }).inputValue())
        .toBe("Savonlinna");
      await expect.poll(() => page.getByLabel("tiistai", { exact: true }).isChecked()).toBe(true);
      await expect.poll(() => page.getByLabel("Mitä haluaisit tehdä?").inputValue()).toBe("");

      // Removing the day widens the search; the place stays.
      await page.getByRole("link", { name: "Poista: tiistaisin" }).click();
      await page.waitForURL(
        (url) =>
          !url.searchParams.has("weekday") && url.searchParams.get("municipality") === "Savonlinna",
      );
      await expect.poll(() => chips.allTextContents()).toEqual(["Savonlinna×"]);
      await expect.poll(() => resultCount(page)).toBeGreaterThan(narrow);
      const wider = await resultCount(page);

      // Submitting the form again keeps the search as it is (the fields carry it).
      await page.getByRole("button", { name: "Hae", exact: true }).click();
      await expect.poll(() => resultCount(page)).toBe(wider);
      await expect.poll(() => chips.allTextContents()).toEqual(["Savonlinna×"]);

      // Removing the place too lists everything.
      await page.getByRole("link", { name: "Poista: Savonlinna" }).click();
      await page.waitForURL((url) => !url.searchParams.has("municipality"));
      await expect.poll(() => resultCount(page)).toBeGreaterThan(wider);
      await context.close();
    });

    it("offers a typo's correction and, with few results, other searches with counts", async () => {
      const context = await browser.newContext({
        viewport: PHONE,
        javaScriptEnabled,
        locale: "fi-FI",
      });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?q=${encodeURIComponent("kalsatus")}`);
      await page.getByRole("link", { name: "Tarkoititko: kalastus?" }).click();
      await page.waitForURL(/q=kalastus/);
      await expect.poll(() => resultCount(page)).toBeGreaterThan(2);

      await page.goto(`${baseUrl}/?q=${encodeURIComponent("kalastus Savonlinnassa tiistaisin")}`);
      const alternative = page.locator(".alternatives a").first();
      const label = (await alternative.textContent()) ?? "";
      const count = Number(/\((\d+)\)/.exec(label)?.[1]);
      expect(count).toBeGreaterThan(0);
      await alternative.click();
      await expect.poll(() => resultCount(page)).toBe(count);
      await context.close();
    });
  });
}

describe("the understood search is accessible", () => {
  for (const [name, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    it(`has no axe violations with chips and suggestions at ${name} width, in Finnish and Swedish`, async () => {
      for (const lang of ["fi", "sv"]) {
        const context = await browser.newContext({
          viewport,
          locale: lang === "sv" ? "sv-FI" : "fi-FI",
        });
        await context.addCookies([{ name: "luotsi_lang", value: lang, url: baseUrl }]);
        const page = await context.newPage();
        await page.goto(`${baseUrl}/?q=${encodeURIComponent("kalastus Savonlinnassa tiistaisin")}`);
        expect(await axeViolations(page), lang).toEqual([]);
        await context.close();
      }
    });
  }
});
