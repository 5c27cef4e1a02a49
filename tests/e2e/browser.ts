import fs from "node:fs";
import path from "node:path";
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { expect } from "vitest";

/** Chromium shipped inside an npm package: nothing to download at test time. */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    headless: true,
  });
}

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/** WCAG 2.1 AA violations on the current page, as readable strings. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}

export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = "luotsi-demo-2026",
) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Sähköposti|E-post|Email/).fill(email);
  await page.getByLabel(/Salasana|Lösenord|Password/).fill(password);
  await page.getByRole("button", { name: /^(Kirjaudu|Logga in|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** The widths every changed screen is looked at (docs/development.md). */
export const SCREEN_PHONE = { width: 390, height: 844 };
export const SCREEN_DESKTOP = { width: 1366, height: 768 };

/** Screenshots go to a git-ignored folder for people to look at; tests never compare pixels. */
export const SCREENSHOT_DIR = path.resolve("test-data", "screenshots");

export async function saveScreenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Collects Content-Security-Policy violations the page reports (a blocked script, style or image). */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCsp", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

/** Errors the page logs, such as React's hydration mismatches (server and browser disagreeing). */
export function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    // Remix's route discovery fetch, cut short when the test navigates on: not an error of the page.
    if (message.type() === "error" && !/Failed to fetch manifest patches/.test(message.text()))
      errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** A fresh context on the desktop width, in Finnish or Swedish, signed in as `email` (or anonymous). */
export async function openAs(
  browser: Browser,
  baseUrl: string,
  email: string | null,
  lang: "fi" | "sv" = "fi",
) {
  const context = await browser.newContext({ viewport: SCREEN_DESKTOP, locale: "fi-FI" });
  if (lang !== "fi") await context.addCookies([{ name: "luotsi_lang", value: lang, url: baseUrl }]);
  const page = await context.newPage();
  if (email) await signIn(page, baseUrl, email);
  return { page, close: () => context.close() };
}

/**
 * One page at both widths in Finnish and Swedish: screenshots, no sideways
 * scrolling, not the error page, no console errors, and axe on three of the
 * four views. Swedish shares the Finnish markup and layouts, so axe sees it at
 * phone width only (its texts' completeness is tests/unit/translations.test.ts).
 * Signs in once. Returns the problems found (the caller expects none).
 */
export async function lookAtScreen(
  browser: Browser,
  baseUrl: string,
  email: string | null,
  path: string,
  name: string,
) {
  const problems: string[] = [];
  const { page, close } = await openAs(browser, baseUrl, email, "fi");
  const errors = watchConsoleErrors(page);
  for (const lang of ["fi", "sv"] as const) {
    await page.context().addCookies([{ name: "luotsi_lang", value: lang, url: baseUrl }]);
    for (const viewport of [SCREEN_PHONE, SCREEN_DESKTOP]) {
      await page.setViewportSize(viewport);
      const res = await page.goto(`${baseUrl}${path}`);
      expect(res?.status(), path).toBe(200);
      expect(await page.locator("html").getAttribute("lang"), `${path} ${lang}`).toBe(lang);
      await saveScreenshot(page, `${name}-${lang}-${viewport.width}`);
      if (lang === "fi" || viewport === SCREEN_PHONE)
        for (const v of await axeViolations(page)) problems.push(`${name} ${lang}: ${v}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > viewport.width) problems.push(`${name} ${viewport.width}: ${width} px wide`);
      // Rendered, not the error page: the server's page hydrated without complaint.
      const heading = await page.locator("main h1").first().textContent();
      if (/vikaan|fel|wrong/i.test(heading ?? ""))
        problems.push(`${name} ${lang} ${viewport.width}: error page`);
    }
  }
  problems.push(...errors.map((e) => `${name}: console: ${e}`));
  await close();
  return problems;
}
