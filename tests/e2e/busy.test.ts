import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DESKTOP, launchBrowser, signIn } from "./browser.ts";

/**
 * A save that meets a database locked by another process for longer than
 * the busy timeout (5 s on this server): the person sees "Luotsi is busy"
 * and the form as they typed it, with and without JavaScript, and the same
 * button saves once the lock is gone.
 */
const baseUrl = inject("baseUrl");
const dbFile = path.join(inject("e2eDataDir"), "luotsi.db");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Another process's long write (an import, a stuck script). */
function holdWriteLock() {
  const other = new Database(dbFile);
  other.exec("BEGIN IMMEDIATE");
  return () => {
    other.exec("ROLLBACK");
    other.close();
  };
}

async function fillActivity(page: Page, title: string) {
  await page.getByLabel("Nimi", { exact: true }).fill(title);
  await page
    .getByLabel("Kuvaus", { exact: true })
    .fill("Lauletaan yhdessä, nuotteja ei tarvitse osata.");
  await page.getByLabel("Kiinnostukset (pilkuin eroteltuna)").fill("laulu, musiikki");
  await page.getByLabel("Laji").selectOption("group");
  await page.getByLabel("Kunta", { exact: true }).selectOption("Parikkala");
  await page.getByLabel("Viikonpäivä (aika 1)").selectOption("3");
  await page.getByLabel("Alkaa (aika 1)").fill("18:00");
  await page.getByLabel("Päättyy (aika 1)").fill("19:30");
  await page.getByLabel("Paikkoja yhteensä").fill("20");
}

async function expectTyped(page: Page, title: string) {
  expect(await page.getByLabel("Nimi", { exact: true }).inputValue()).toBe(title);
  expect(await page.getByLabel("Kuvaus", { exact: true }).inputValue()).toContain(
    "nuotteja ei tarvitse osata",
  );
  expect(await page.getByLabel("Kiinnostukset (pilkuin eroteltuna)").inputValue()).toBe(
    "laulu, musiikki",
  );
  expect(await page.getByLabel("Viikonpäivä (aika 1)").inputValue()).toBe("3");
  expect(await page.getByLabel("Alkaa (aika 1)").inputValue()).toBe("18:00");
  expect(await page.getByLabel("Paikkoja yhteensä").inputValue()).toBe("20");
}

describe.each([
  { js: true, title: "Kuoro (JS)" },
  { js: false, title: "Kuoro (ilman JS)" },
])("saving while the database is busy, JavaScript $js", ({ js, title }) => {
  it("shows the busy message, keeps every field, and saves on the next try", async () => {
    const context = await browser.newContext({
      viewport: DESKTOP,
      locale: "fi-FI",
      javaScriptEnabled: js,
    });
    const page = await context.newPage();
    await signIn(page, baseUrl, "yhdistys@luotsi.example");
    await page.goto(`${baseUrl}/staff/activities/new`);
    await fillActivity(page, title);
    const release = holdWriteLock();
    try {
      const answer = page.waitForResponse(
        (r) => r.request().method() === "POST" && r.url().includes("/staff/activities/new"),
        { timeout: 30_000 },
      );
      await page.getByRole("button", { name: "Julkaise" }).click();
      const res = await answer;
      expect(res.status()).toBe(503);
      expect(res.headers()["retry-after"]).toMatch(/^\d+$/);
      await expect
        .poll(() => page.getByRole("alert").first().textContent(), { timeout: 20_000 })
        .toContain("Tallennus ei onnistunut juuri nyt");
    } finally {
      release();
    }
    expect(new URL(page.url()).pathname).toBe("/staff/activities/new");
    await expectTyped(page, title);

    await page.getByRole("button", { name: "Julkaise" }).click();
    await page.waitForURL(/\/staff\/activities\/act-[^/]+\?saved=created$/, { timeout: 30_000 });
    await context.close();
  }, 90_000);
});
