import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, lookAtScreen, openAs, watchConsoleErrors } from "./browser.ts";

/**
 * Issue #17, part 4: an association applies through the public form (found
 * in the footer), the coordinator approves it, and the organization exists
 * with its first staff member's invitation in the dev mailbox. Both new
 * screens with axe at 0 violations, looked at in Finnish and Swedish at 390
 * and 1366 px (screenshots in test-data/screenshots).
 */

const baseUrl = inject("baseUrl");
const COORDINATOR = "koordinaattori@luotsi.example";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const open = (email: string | null, lang: "fi" | "sv" = "fi") =>
  openAs(browser, baseUrl, email, lang);

async function apply(name: string, email: string) {
  const { page, close } = await open(null);
  await page.goto(`${baseUrl}/`);
  await page
    .getByRole("contentinfo")
    .getByRole("link", { name: "Yhdistys mukaan Luotsiin" })
    .click();
  await page.waitForURL(/\/join\/association$/);
  await expect.poll(() => page.title()).toContain("Yhdistys mukaan Luotsiin");
  // Nothing filled in: the summary names what is missing, and links to it.
  await page.getByRole("button", { name: "Lähetä" }).click();
  await page.getByRole("link", { name: "Kirjoita yhdistyksen nimi (2–120 merkkiä)." }).waitFor();
  await page.getByLabel("Yhdistyksen nimi").fill(name);
  await page.getByLabel("Kunta, jossa yhdistys toimii").selectOption("Rautjärvi");
  await page
    .getByLabel("Mitä toimintaa yhdistys järjestää")
    .fill("Kävelyryhmä tiistaisin ja kahvila torstaisin, kaikille avoin.");
  await page.getByLabel("Yhteyshenkilön nimi").fill("Anna Yhteyshenkilö");
  await page.getByLabel("Yhteyshenkilön sähköposti").fill(email);
  await page.getByRole("button", { name: "Lähetä" }).click();
  await page.getByText("Kiitos! Hakemus on lähetetty.").waitFor();
  await close();
}

describe("new associations join", () => {
  const suffix = crypto.randomBytes(2).toString("hex");
  const name = `Kävelijät ${suffix} ry`;
  const email = `anna.${suffix}@kavelijat.example`;

  it("a visitor applies from the footer; the coordinator approves; the organization exists and the invitation is in the mailbox", async () => {
    await apply(name, email);
    // A second one stays waiting, for the screens below.
    await apply(`Kuoro ${suffix} ry`, `kuoro.${suffix}@kuoro.example`);

    const { page, close } = await open(COORDINATOR);
    const errors = watchConsoleErrors(page);
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole("link", { name: "Yhdistysten hakemukset" }).click();
    await page.waitForURL(/\/admin\/associations$/);
    const card = page.locator("li", { hasText: name });
    await card.getByRole("link", { name: email }).waitFor();
    await card.getByRole("button", { name: "Hyväksy ja kutsu" }).click();
    await page.getByText("Hakemus hyväksytty").waitFor();
    await page
      .locator("li", { hasText: name })
      .getByRole("link", { name: "Avaa yhdistyksen tiedot" })
      .click();
    await page.waitForURL(/\/admin\/organizations\/org-kavelijat-/);
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await page.goto(`${baseUrl}/dev/mailbox`);
    const mail = page.locator("article", { hasText: `Kutsu Luotsiin: ${name}` });
    await mail.waitFor();
    expect(await mail.textContent()).toContain(email);
    expect(await mail.textContent()).toMatch(/\/invite\/[\w-]+/);
    expect(errors).toEqual([]);
    await close();
  }, 180_000);

  it("the two new screens at 390 and 1366 px in Finnish and Swedish: axe 0 violations, nothing scrolls sideways", async () => {
    const problems = [
      ...(await lookAtScreen(browser, baseUrl, null, "/join/association", "join-association")),
      ...(await lookAtScreen(
        browser,
        baseUrl,
        COORDINATOR,
        "/admin/associations",
        "association-applications",
      )),
    ];
    expect(problems).toEqual([]);
  }, 240_000);
});
