import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { EXTRA_LANGS, languageOf, PLAIN_LOCALES, type Locale } from "#app/infra/i18n/i18n.ts";
import { SERVER_PACKS } from "#app/infra/i18n/packs.server.ts";
import {
  axeViolations,
  launchBrowser,
  saveScreenshot,
  SCREEN_DESKTOP,
  SCREEN_PHONE,
  signIn,
  watchConsoleErrors,
} from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NEW_LOCALES: Locale[] = [...EXTRA_LANGS, ...PLAIN_LOCALES];
/**
 * Every locale shares one markup, and tests/unit/translations.test.ts holds
 * each pack complete, so axe looks at one of each kind: right to left, a
 * non-Latin left-to-right script, and plain language.
 */
const AXE_LOCALES: Locale[] = ["ar", "uk", "fi-x-selko"];
const text = (locale: Locale, key: keyof (typeof SERVER_PACKS)["uk"]["messages"]) =>
  (SERVER_PACKS as Record<string, { messages: Record<string, string> }>)[locale]!.messages[key]!;

async function expectLocale(page: Page, locale: Locale) {
  expect(await page.locator("html").getAttribute("lang")).toBe(languageOf(locale));
  expect(await page.locator("html").getAttribute("dir")).toBe(locale === "ar" ? "rtl" : "ltr");
}

async function setLocaleCookie(context: BrowserContext, locale: Locale) {
  await context.addCookies([{ name: "luotsi_lang", value: locale, url: baseUrl }]);
}

describe("participant languages and plain language (issue #16)", () => {
  for (const locale of NEW_LOCALES) {
    it(`show the catalog and an activity in ${locale}${AXE_LOCALES.includes(locale) ? ", with no axe violations" : ""}`, async () => {
      const context = await browser.newContext({ viewport: SCREEN_PHONE });
      const page = await context.newPage();
      const errors = watchConsoleErrors(page);
      await page.goto(`${baseUrl}/?lang=${locale}&municipality=Parikkala`);
      await expectLocale(page, locale);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        text(locale, "catalog.title"),
      );
      if (AXE_LOCALES.includes(locale))
        expect(await axeViolations(page), `catalog ${locale}`).toEqual([]);
      await saveScreenshot(page, `lang-catalog-${locale}-390`);

      await page.goto(`${baseUrl}/activities/act-parikkala-kalaretki?lang=${locale}`);
      await expectLocale(page, locale);
      // The activity's own text stays Finnish, and says so where the page is not (WCAG 3.1.2).
      const title = page.getByRole("heading", { level: 1 });
      expect(await title.textContent()).toBe("Kalaretki Kirkkorantaan");
      expect(await title.getAttribute("lang")).toBe(languageOf(locale) === "fi" ? null : "fi");
      expect(await page.getByText(text(locale, "activity.when"), { exact: true }).count()).toBe(1);
      if (AXE_LOCALES.includes(locale))
        expect(await axeViolations(page), `activity ${locale}`).toEqual([]);
      // The browser rendered what the server did: no hydration mismatch.
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("lay Arabic out right to left at phone and desktop width, map included", async () => {
    for (const [name, viewport] of [
      ["390", SCREEN_PHONE],
      ["1366", SCREEN_DESKTOP],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?lang=ar&municipality=Vaasa`);
      // Nothing spills over the start edge: the page is exactly as wide as the window.
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBe(viewport.width);
      await page.getByRole("button", { name: text("ar", "map.show") }).click();
      const map = page.getByRole("region", { name: text("ar", "map.resultsLabel") });
      await expect.poll(() => map.getAttribute("data-ready")).toBe("true");
      await page.waitForTimeout(400);
      // Leaflet's zoom buttons sit at the start edge, the right in Arabic.
      const zoom = (await page.locator(".leaflet-control-zoom").boundingBox())!;
      const box = (await map.boundingBox())!;
      expect(zoom.x + zoom.width).toBeGreaterThan(box.x + box.width - 40);
      expect(await axeViolations(page)).toEqual([]);
      await saveScreenshot(page, `rtl-catalog-ar-${name}`);
      await page.goto(`${baseUrl}/activities/act-vasa-promenad?lang=ar`);
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBe(viewport.width);
      // Swedish text inside an Arabic page runs left to right.
      expect(await page.getByRole("heading", { level: 1 }).getAttribute("dir")).toBe("ltr");
      expect(await page.getByRole("heading", { level: 1 }).getAttribute("lang")).toBe("sv");
      await saveScreenshot(page, `rtl-activity-ar-${name}`);
      await context.close();
    }
  });

  it("show the participant's own pages in their language", async () => {
    const context = await browser.newContext({ viewport: SCREEN_PHONE });
    const page = await context.newPage();
    const errors = watchConsoleErrors(page);
    await signIn(page, baseUrl, "osallistuja@luotsi.example");
    for (const locale of ["ar", "so", "fi-x-selko", "uk"] as Locale[]) {
      await setLocaleCookie(context, locale);
      await page.goto(`${baseUrl}/me`);
      await expectLocale(page, locale);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        text(locale, "me.title"),
      );
      if (AXE_LOCALES.includes(locale))
        expect(await axeViolations(page), `/me ${locale}`).toEqual([]);
      await saveScreenshot(page, `lang-me-${locale}-390`);
      await page.goto(`${baseUrl}/attendance`);
      await expectLocale(page, locale);
      if (AXE_LOCALES.includes(locale))
        expect(await axeViolations(page), `/attendance ${locale}`).toEqual([]);
    }
    await page.setViewportSize(SCREEN_DESKTOP);
    await setLocaleCookie(context, "ar");
    await page.goto(`${baseUrl}/me`);
    await saveScreenshot(page, "rtl-me-ar-1366");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keep professional screens in Finnish, Swedish or English", async () => {
    const context = await browser.newContext({ viewport: SCREEN_PHONE });
    const page = await context.newPage();
    await signIn(page, baseUrl, "tyontekija@luotsi.example");
    await setLocaleCookie(context, "uk");
    await page.goto(`${baseUrl}/worker`);
    await expectLocale(page, "en");
    await page.locator(".lang-menu > summary").click();
    expect(await page.locator(".lang-options button").allTextContents()).toEqual([
      "Suomeksi",
      "På svenska",
      "In English",
    ]);
    expect(await page.locator(".plain-switch").count()).toBe(0);
    // The public catalog is the worker's too, in the visitor's language.
    await page.goto(`${baseUrl}/`);
    await expectLocale(page, "uk");
    await context.close();
  });

  it("switch with the menu and the plain-language button, without JavaScript too", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ viewport: SCREEN_PHONE, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?lang=fi&q=kahvila`);
      // Signed out too, the header is one line on a phone.
      expect((await page.locator(".site-header").boundingBox())!.height).toBeLessThan(80);
      await page.locator(".lang-menu > summary").click();
      await page.getByRole("button", { name: "Українською" }).click();
      await page.waitForURL(/lang=uk/);
      await expectLocale(page, "uk");
      expect(new URL(page.url()).searchParams.get("q")).toBe("kahvila");
      await page.locator(".lang-menu > summary").click();
      await page.getByRole("button", { name: "Suomeksi" }).click();
      await page.waitForURL(/lang=fi(&|$)/);
      // On a phone the plain-language switch is in the language menu (a one-line header).
      await page.locator(".lang-menu > summary").click();
      const plain = page.getByRole("button", { name: "Selkokieli" });
      expect(await plain.getAttribute("aria-pressed")).toBe("false");
      await plain.click();
      await page.waitForURL(/lang=fi-x-selko/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        text("fi-x-selko", "catalog.title"),
      );
      await page.locator(".lang-menu > summary").click();
      expect(
        await page.getByRole("button", { name: "Selkokieli" }).getAttribute("aria-pressed"),
      ).toBe("true");
      // And back: the cookie remembers it for pages without ?lang=.
      await page.goto(`${baseUrl}/activities/act-parikkala-kalaretki`);
      await expect
        .poll(() => page.locator(".lead").textContent())
        .toContain("Menemme yhdessä kalaan.");
      await context.close();
    }
  });

  it("show an activity's own plain description in plain language, and say when there is none", async () => {
    const context = await browser.newContext({ viewport: SCREEN_PHONE });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/activities/act-vasa-promenad?lang=sv-x-lattlast`);
    expect(await page.locator(".lead").textContent()).toContain("Vi går en promenad tillsammans.");
    await saveScreenshot(page, "plain-activity-sv-x-lattlast-390");
    await page.goto(`${baseUrl}/activities/act-vasa-promenad?lang=sv`);
    expect(await page.locator(".lead").textContent()).toContain("Vi promenerar i lugnt tempo");
    await page.goto(`${baseUrl}/activities/act-parikkala-puutyopaja?lang=fi-x-selko`);
    expect(await page.getByText(text("fi-x-selko", "activity.noPlainDescription")).count()).toBe(1);
    await context.close();
  });
});
