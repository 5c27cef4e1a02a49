import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

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
