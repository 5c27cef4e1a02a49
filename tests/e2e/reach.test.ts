import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser } from "./browser.ts";
import { PARTICIPANT_LANGS } from "#app/infra/i18n/i18n.ts";

const baseUrl = inject("baseUrl");
const SHOTS = path.resolve("test-data/screenshots");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const PHONE_390 = { width: 390, height: 844 };

/**
 * Opens a page and waits for hydration; `close` fails the test on any page
 * error or React hydration error meanwhile (the crawl in hydration.test.ts
 * browses in Finnish only; these pages are also opened in Swedish).
 */
async function open(path: string, viewport = PHONE_390) {
  const context = await browser.newContext({ viewport, locale: "fi-FI" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message.slice(0, 200)}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /React|hydrat|did not match/i.test(m.text()))
      problems.push(`${page.url()}: ${m.text().slice(0, 200)}`);
  });
  await page.goto(`${baseUrl}${path}`);
  await page.waitForFunction(() => "__remixRouter" in window, null, { timeout: 15_000 });
  return {
    page,
    close: async () => {
      await context.close();
      expect(problems).toEqual([]);
    },
  };
}

/** What the head says to search engines and link previews. */
async function head(page: Page) {
  return page.evaluate(() => ({
    canonical: document.querySelector('link[rel="canonical"]')?.getAttribute("href"),
    alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map(
      (l) => `${l.getAttribute("hreflang")} ${l.getAttribute("href")}`,
    ),
    og: Object.fromEntries(
      [...document.querySelectorAll('meta[property^="og:"]')].map((m) => [
        m.getAttribute("property"),
        m.getAttribute("content"),
      ]),
    ),
    manifest: document.querySelector('link[rel="manifest"]')?.getAttribute("href"),
    jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) =>
      JSON.parse(s.textContent ?? "{}"),
    ),
  }));
}

describe("an activity page as search engines, phones and calendars see it", () => {
  it("has its language's address in the head, an Event, Open Graph tags and calendar subscriptions", async () => {
    for (const [lang, width] of [
      ["fi", 390],
      ["sv", 390],
      ["fi", 1366],
      ["sv", 1366],
    ] as const) {
      const { page, close } = await open(`/activities/act-parikkala-kalaretki?lang=${lang}`, {
        width,
        height: 900,
      });
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      const h = await head(page);
      expect(h.canonical).toMatch(
        new RegExp(`/activities/act-parikkala-kalaretki\\?lang=${lang}$`),
      );
      // Activity pages come in every participant language (ADR 017).
      expect(h.alternates.map((a) => a.split(" ")[0]).sort()).toEqual(
        [...PARTICIPANT_LANGS, "x-default"].sort(),
      );
      expect(h.og["og:url"]).toBe(h.canonical);
      expect(h.og["og:title"]).toBe("Kalaretki Kirkkorantaan");
      expect(h.manifest).toBe(`/manifest.webmanifest?lang=${lang}`);
      expect(h.jsonLd[0]).toMatchObject({ "@type": "Event", offers: { price: 0 } });
      const subscribe = page.getByRole("link", {
        name:
          lang === "fi"
            ? /Kaikki toiminnat kunnassa: Parikkala/
            : /All verksamhet i kommunen: Parikkala/,
      });
      expect(await subscribe.getAttribute("href")).toMatch(
        new RegExp(`^webcal://.+/calendars/municipalities/Parikkala\\?lang=${lang}$`),
      );
      await page.screenshot({
        path: path.join(SHOTS, `activity-${lang}-${width}.png`),
        fullPage: true,
      });
      expect(await axeViolations(page)).toEqual([]);
      await close();
    }
  });

  it("keeps the address's language while browsing, and the switch moves to the other language's address", async () => {
    const { page, close } = await open("/?lang=sv&q=kalaretki");
    await page.getByRole("link", { name: "Kalaretki Kirkkorantaan" }).click();
    await page.waitForURL(/\/activities\/act-parikkala-kalaretki\?lang=sv$/);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sv");
    await page.getByRole("link", { name: "SaimaanVirta ry", exact: true }).click();
    await page.waitForURL(/\/organizations\/org-saimaanvirta\?lang=sv$/);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("SaimaanVirta ry");
    // The language menu is a disclosure (ADR 017).
    await page.locator(".lang-menu > summary").click();
    await page.getByRole("button", { name: "In English" }).click();
    await page.waitForURL(/\/organizations\/org-saimaanvirta\?lang=en$/);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    // The address's language is remembered for pages whose address names none.
    await page.goto(`${baseUrl}/login`);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await close();
  });

  it("an organization's page: its activities and a calendar to subscribe to, without axe findings", async () => {
    for (const [lang, width] of [
      ["fi", 390],
      ["sv", 390],
      ["fi", 1366],
      ["sv", 1366],
    ] as const) {
      const { page, close } = await open(`/organizations/org-saimaanvirta?lang=${lang}`, {
        width,
        height: 900,
      });
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("SaimaanVirta ry");
      expect(await page.locator(".link-list li").count()).toBeGreaterThan(3);
      const h = await head(page);
      expect(h.jsonLd[0]).toMatchObject({ "@type": "Organization", name: "SaimaanVirta ry" });
      await page.screenshot({
        path: path.join(SHOTS, `organization-${lang}-${width}.png`),
        fullPage: true,
      });
      expect(await axeViolations(page)).toEqual([]);
      await close();
    }
  });
});
