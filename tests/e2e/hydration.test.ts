import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn, watchCspViolations } from "./browser.ts";

/**
 * Every page must hydrate: what the browser renders first must equal the
 * server's HTML, or React throws the page away and renders it again (a
 * flash, lost typing, and a form that submits empty). Once a language name
 * from the browser's smaller ICU data differed from the server's on every
 * catalog page. Follows same-site links from each role's start page in
 * Chromium and fails on any page error or React error in the console, and
 * on any Content-Security-Policy violation (zod's `new Function` probe on a
 * form page was one: app/infra/zod-browser.ts).
 */
const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Downloads are not pages: a calendar link (`/activities/<ref>/ical?lang=fi`) starts a download.
const SKIP =
  /^\/(logout|set-language|dev\/|privacy\/|reports\/download|needs\/download|build\/|styles\/|healthz)|\.(ics|csv|xlsx|svg|png|json|xml|txt)$|\/ical(\?|$)/;

async function crawl(page: Page, start: string, limit: number) {
  const problems: string[] = [];
  let current = start;
  page.on("pageerror", (e) => problems.push(`${current}: ${e.message.slice(0, 200)}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /React|hydrat|did not match/i.test(m.text()))
      problems.push(`${current}: ${m.text().slice(0, 200)}`);
  });
  // One address per route shape is enough (refs and query values vary).
  const shapeOf = (path: string) =>
    `${path.split("?")[0]!.replace(/\/[A-Za-z0-9_-]{8,}(?=\/|$)/g, "/:ref")}?${path.includes("?")}`;
  const shapes = new Set([shapeOf(start)]);
  const queue = [start];
  let visited = 0;
  while (queue.length > 0 && visited < limit) {
    current = queue.shift()!;
    const res = await page.goto(`${baseUrl}${current}`, { waitUntil: "load" });
    if (!(res?.headers()["content-type"] ?? "").startsWith("text/html")) continue;
    // Hydration has run once Remix's client router answers for the page.
    await page.waitForFunction(() => "__remixRouter" in window, null, { timeout: 15_000 });
    visited++;
    const links = await page.$$eval("a[href^='/']", (as) => as.map((a) => a.getAttribute("href")!));
    for (const href of links) {
      const path = href.split("#")[0]!;
      if (!path || SKIP.test(path) || shapes.has(shapeOf(path))) continue;
      shapes.add(shapeOf(path));
      queue.push(path);
    }
  }
  return { visited, problems };
}

describe("every page hydrates without a mismatch", () => {
  for (const [who, email, limit] of [
    ["a visitor", undefined, 25],
    ["a worker", "tyontekija@luotsi.example", 25],
    ["association staff", "yhdistys@luotsi.example", 15],
    ["the coordinator", "koordinaattori@luotsi.example", 15],
    ["a pilot", "luotsi@luotsi.example", 10],
  ] as const) {
    it(`for ${who}`, async () => {
      const context = await browser.newContext({ locale: "fi-FI" });
      const page = await context.newPage();
      const csp = await watchCspViolations(page);
      if (email) await signIn(page, baseUrl, email);
      const { visited, problems } = await crawl(page, "/", limit);
      await context.close();
      expect(visited).toBeGreaterThanOrEqual(4);
      expect(problems).toEqual([]);
      expect(csp).toEqual([]);
    });
  }
});
