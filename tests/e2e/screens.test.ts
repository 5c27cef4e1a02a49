import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import {
  axeViolations,
  launchBrowser,
  saveScreenshot,
  SCREEN_DESKTOP,
  SCREEN_PHONE,
  signIn,
} from "./browser.ts";

/**
 * The twelve key screens (issue #14) at a phone's and a desktop's width,
 * saved as full-page screenshots under test-data/screenshots/ for people to
 * look at after `npm test` (never compared by pixel), each with axe at 0
 * violations and without sideways scrolling at either width. One browser, one context per
 * role, the viewport changed in place.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Screen = { name: string; path: string };
const ROLES: { email: string | null; screens: Screen[] }[] = [
  {
    email: null,
    screens: [
      { name: "catalog", path: "/" },
      { name: "activity", path: "/activities/act-parikkala-kalaretki" },
      { name: "sign-in", path: "/login" },
    ],
  },
  {
    email: "tyontekija@luotsi.example",
    screens: [
      { name: "participant-summary", path: "/participants/p-0001" },
      { name: "suggestions", path: "/participants/p-0001/suggestions" },
      { name: "shortlist", path: "/participants/p-0001/shortlist" },
      { name: "path", path: "/participants/p-0001/path" },
      { name: "follow-up", path: "/follow-up" },
    ],
  },
  { email: "koordinaattori@luotsi.example", screens: [{ name: "report", path: "/reports" }] },
  {
    email: "yhdistys@luotsi.example",
    screens: [
      { name: "staff-dashboard", path: "/staff" },
      { name: "staff-activity-form", path: "/staff/activities/new" },
    ],
  },
  { email: "luotsi@luotsi.example", screens: [{ name: "pilot", path: "/pilot" }] },
];

describe("the twelve key screens at 390 and 1366 px", () => {
  for (const role of ROLES) {
    it(`${role.email ?? "a visitor"}: ${role.screens.map((s) => s.name).join(", ")}`, async () => {
      const context: BrowserContext = await browser.newContext({
        viewport: SCREEN_DESKTOP,
        locale: "fi-FI",
      });
      const page = await context.newPage();
      if (role.email) await signIn(page, baseUrl, role.email);
      const problems: string[] = [];
      for (const screen of role.screens) {
        for (const viewport of [SCREEN_PHONE, SCREEN_DESKTOP]) {
          await page.setViewportSize(viewport);
          const res = await page.goto(`${baseUrl}${screen.path}`);
          expect(res?.status(), screen.path).toBe(200);
          await saveScreenshot(page, `screen-${screen.name}-${viewport.width}`);
          // axe once per screen (the same document at both widths), on the phone.
          if (viewport === SCREEN_PHONE)
            for (const v of await axeViolations(page)) problems.push(`${screen.name}: ${v}`);
          // Reflow: nothing wider than the screen (WCAG 1.4.10).
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > viewport.width)
            problems.push(`${screen.name} ${viewport.width}: page is ${width} px wide`);
        }
      }
      expect(problems).toEqual([]);
      await context.close();
    }, 240_000);
  }
});
