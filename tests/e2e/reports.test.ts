import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { axeViolations, DESKTOP, launchBrowser, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Hand count from the demo file: participants with a step of each kind in the period. */
function demoCounts(from: string, to: string) {
  const demo = JSON.parse(fs.readFileSync(path.resolve("db/seed-data/demo.json"), "utf8")) as {
    participants: { pathSteps?: { step: string; date: string }[] }[];
  };
  const counts: Record<string, number> = { participants: 0 };
  for (const p of demo.participants) {
    const kinds = new Set(
      (p.pathSteps ?? []).filter((s) => s.date >= from && s.date <= to).map((s) => s.step),
    );
    if (kinds.size > 0) counts.participants! += 1;
    for (const k of kinds) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

describe("a participant's path", () => {
  it("a worker records a work trial on the path page and sees it on the timeline", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "fi-FI" });
    const page = await context.newPage();
    await signIn(page, baseUrl, "tyontekija@luotsi.example");
    await page.goto(`${baseUrl}/participants/p-0001/path`);
    expect(await page.locator('li[data-step="reached"]').count()).toBeGreaterThan(0);
    // A date in the future is refused with a field error.
    await page.getByLabel("Askel", { exact: true }).selectOption("onward");
    await page.getByLabel("Jatkopolku", { exact: true }).selectOption("work-trial");
    await page.getByLabel("Päivämäärä").fill("2999-01-01");
    await page.getByRole("button", { name: "Lisää askel" }).click();
    await expect.poll(() => page.locator("#date-error").textContent()).toContain("tulevaisuudessa");
    expect(await page.locator('li[data-step="onward"]').count()).toBe(0);
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(
      new Date(),
    );
    await page.getByLabel("Askel", { exact: true }).selectOption("onward");
    await page.getByLabel("Jatkopolku", { exact: true }).selectOption("work-trial");
    await page.getByLabel("Päivämäärä").fill(today);
    await page.getByRole("button", { name: "Lisää askel" }).click();
    await expect.poll(() => page.locator('li[data-step="onward"]').count()).toBe(1);
    expect(await page.locator('li[data-step="onward"]').textContent()).toContain("Työkokeilu");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe("holding on: the follow-up list", () => {
  it("a worker logs a contact in one step and the person leaves the list", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "fi-FI" });
    const page = await context.newPage();
    await signIn(page, baseUrl, "tyontekija@luotsi.example");
    await page.goto(`${baseUrl}/follow-up`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Yhteydenpito");
    const firstRow = page.locator("tr[data-ref]").first();
    const ref = await firstRow.getAttribute("data-ref");
    expect(ref).toBeTruthy();
    expect(await axeViolations(page)).toEqual([]);
    await firstRow.getByLabel("Yhteyden tapa").selectOption("phone");
    await firstRow.getByRole("button", { name: "Kirjaa" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain(`Yhteys kirjattu: ${ref}`);
    // The list is reloaded after the action; wait for it rather than race it.
    await expect.poll(() => page.locator(`tr[data-ref="${ref}"]`).count()).toBe(0);
    await context.close();
  });
});

describe("the quarterly report", () => {
  it("the coordinator opens the report, sees the chart and table, and downloads the CSV", async () => {
    // Every demo organization has under ten people, so across organizations
    // each count with a part of 1–4 is hidden (ADR 011): the year's numbers
    // show as "..", and the CSV says the same.
    const expected = demoCounts("2026-01-01", "2026-12-31");
    expect(expected.started).toBeGreaterThanOrEqual(5);
    const context = await browser.newContext({
      viewport: DESKTOP,
      locale: "fi-FI",
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page, baseUrl, "koordinaattori@luotsi.example");
    await page.goto(`${baseUrl}/reports`);
    // Across organizations only calendar years and quarters can be chosen.
    expect(await page.getByLabel("Alkaen").count()).toBe(0);
    await page.getByLabel("Jakso", { exact: true }).selectOption("2026");
    await page.getByRole("button", { name: "Näytä raportti" }).click();
    await page.waitForURL(/period=2026/);
    // The headline figures and the funnel lead; every demo organization is small, so "..".
    expect(await page.locator(".figures li").count()).toBe(4);
    expect(await page.getByRole("heading", { name: "Polku vaihe vaiheelta" }).count()).toBe(1);
    expect(
      await page.getByRole("heading", { name: "Neljä viimeistä vuosineljännestä" }).count(),
    ).toBe(1);
    const startedCell = page.locator('#data-steps tr[data-code="started"] td');
    await expect.poll(async () => await startedCell.textContent()).toBe("..");
    expect(await page.getByText("piilotettu luku").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Lataa CSV" }).click(),
    ]);
    // For Finnish Excel: a byte-order mark, semicolons, headers in Finnish.
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trim().split(/\r\n/);
    expect(lines[0]).toBe("Tulosraportti");
    expect(lines[1]).toBe("Jakso 2026 (1.1.2026 – 31.12.2026)");
    expect(lines).toContain("Mittari;Henkilöä");
    expect(lines).toContain("Aloitti toiminnan;..");
    expect(
      lines.some((l) => l.startsWith("Ryhmä;Osallistujia;Tavoitettu;Aloitti toiminnan;")),
    ).toBe(true);

    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Lataa Excel (XLSX)" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

    // Every table is a named region; a phone scrolls a wide one by keyboard (a tab stop only then).
    const regions = page.locator(".report-section .table-wrap");
    expect(await regions.count()).toBeGreaterThan(3);
    for (const region of await regions.all())
      expect(await region.getAttribute("aria-labelledby")).toBeTruthy();
    const stops = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>(".table-wrap")].map((el) => ({
        stop: el.tabIndex === 0,
        scrolls: el.scrollWidth > el.clientWidth + 1,
      })),
    );
    for (const s of stops) expect(s.stop).toBe(s.scrolls);

    // A mistake in the form: the error summary takes focus and names it.
    await page.goto(`${baseUrl}/reports?period=2026&org=ei-ole`);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className))
      .toBe("error-summary");
    expect(await page.locator(".error-summary").textContent()).toContain("Tuntematon yhdistys");
    expect(await page.locator('.error-summary a[href="#org"]').count()).toBe(1);
    await context.close();
  });
});
