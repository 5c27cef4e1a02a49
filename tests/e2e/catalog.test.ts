import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { axeViolations, DESKTOP, launchBrowser, PHONE, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a newcomer browses the public catalog", () => {
  it("searches, filters, opens an activity, downloads iCal, switches language, signs in and out", async () => {
    const context = await browser.newContext({
      viewport: DESKTOP,
      acceptDownloads: true,
      locale: "fi-FI",
    });
    const page = await context.newPage();
    await page.goto(baseUrl);
    expect(await page.locator("html").getAttribute("lang")).toBe("fi");
    await page.getByLabel("Mitä haluaisit tehdä?").fill("kalastus");
    await page.getByText("Rajaa hakua").click();
    await page.getByLabel("Kunta", { exact: true }).selectOption("Parikkala");
    await page.getByLabel("Maksuton").check();
    await page.getByLabel("Voi tulla suoraan paikalle").check();
    await page.getByRole("button", { name: "Näytä tulokset" }).click();
    await page.waitForURL(/flag=dropIn/);
    const cards = page.locator(".card h3");
    await expect.poll(() => cards.allTextContents()).toContain("Kalaretki Kirkkorantaan");
    await page.getByRole("link", { name: "Kalaretki Kirkkorantaan" }).click();
    await page.waitForURL(/\/activities\/act-parikkala-kalaretki$/);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Kalaretki Kirkkorantaan");
    const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
    expect(JSON.parse(jsonLd ?? "{}")["@type"]).toBe("Event");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Lisää kalenteriin/ }).click(),
    ]);
    const ics = fs.readFileSync((await download.path())!, "utf8");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("SUMMARY:Kalaretki Kirkkorantaan");

    // The language menu is a disclosure: open it, then choose.
    await page.locator(".lang-menu > summary").click();
    await page.getByRole("button", { name: "På svenska" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sv");
    await expect
      .poll(() => page.getByRole("link", { name: /Tillbaka till sökningen/ }).count())
      .toBe(1);
    await page.locator(".lang-menu > summary").click();
    await page.getByRole("button", { name: "Suomeksi" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("fi");

    await signIn(page, baseUrl, "tyontekija@luotsi.example");
    await page.goto(baseUrl);
    await expect.poll(() => page.getByRole("button", { name: "Kirjaudu ulos" }).count()).toBe(1);
    await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
    await expect
      .poll(() => page.getByRole("link", { name: "Kirjaudu", exact: true }).count())
      .toBe(1);
    await context.close();
  });

  it("rejects a wrong password with a generic message", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Sähköposti").fill("tyontekija@luotsi.example");
    await page.getByLabel("Salasana").fill("wrong password here");
    await page.getByRole("button", { name: "Kirjaudu", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("ei kelpaa");
    await context.close();
  });
});

describe("accessibility (axe, WCAG 2.1 AA)", () => {
  for (const [name, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    it(`has no violations on the catalog, an activity page and sign-in at ${name} width`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      for (const path of ["/?q=kalastus", "/activities/act-parikkala-kalaretki", "/login"]) {
        await page.goto(`${baseUrl}${path}`);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await context.close();
    });
  }
});
