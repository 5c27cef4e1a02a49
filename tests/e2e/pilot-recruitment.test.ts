import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, lookAtScreen, openAs } from "./browser.ts";

/**
 * Issue #17, growing the pilots: the coordinator's shortage view and switch,
 * staff recording a training, a volunteer's "become a pilot" form and staff
 * handling it, each new page with axe at 0 violations and
 * looked at in Finnish and Swedish at 390 and 1366 px (screenshots in
 * test-data/screenshots).
 */

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const open = (email: string | null, lang: "fi" | "sv" = "fi") =>
  openAs(browser, baseUrl, email, lang);
const lookAt = (email: string | null, path: string, name: string) =>
  lookAtScreen(browser, baseUrl, email, path, name);

async function cellOf(page: Page, municipality: string, measure: string) {
  return page
    .locator(`#data-shortage tr[data-code="${municipality}"] td[data-measure="${measure}"]`)
    .textContent();
}

describe("pilots recruited and trained", () => {
  it("the coordinator sees the shortage and turns 'only trained pilots' off and on again", async () => {
    const { page, close } = await open("koordinaattori@luotsi.example");
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole("link", { name: "Toimintaluotsien tarve kunnittain" }).click();
    await page.waitForURL(/\/admin\/pilots$/);
    await expect.poll(() => page.title()).toContain("Toimintaluotsien tarve");
    expect(await cellOf(page, "*", "freePlaces")).toMatch(/^\d+$/);
    await page.getByRole("button", { name: "Salli myös kouluttamattomat" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Tallennettu");
    await page.getByRole("button", { name: "Vain koulutetut" }).click();
    await page.getByRole("button", { name: "Salli myös kouluttamattomat" }).waitFor();
    await close();
  }, 120_000);

  it("staff record a training and see it in the list; a form without attendees is answered with an error summary", async () => {
    const { page, close } = await open("yhdistys@luotsi.example");
    await page.goto(`${baseUrl}/staff/pilots`);
    await page.getByRole("link", { name: "Koulutukset ja osallistujat" }).click();
    await page.waitForURL(/\/staff\/pilots\/trainings$/);
    await page.getByLabel("Aihe").fill("Ensiapukurssi luotseille");
    await page.getByRole("button", { name: "Tallenna koulutus" }).click();
    await page.getByRole("link", { name: "Valitse ainakin yksi osallistunut luotsi." }).waitFor();
    await page.getByLabel("Aihe").fill("Ensiapukurssi luotseille");
    await page.getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Tallenna koulutus" }).click();
    await page.getByText("Koulutus tallennettu.").waitFor();
    await page.getByRole("cell", { name: "Ensiapukurssi luotseille" }).first().waitFor();
    await close();
  }, 120_000);

  it("a volunteer offers to be a pilot from an association's page; staff see it and mark it handled", async () => {
    const visitor = await open(null);
    const page = visitor.page;
    await page.goto(`${baseUrl}/organizations/org-saimaanvirta`);
    await page.getByRole("link", { name: "Ryhdy toimintaluotsiksi" }).click();
    await page.waitForURL(/\/join\/pilot\?organization=org-saimaanvirta$/);
    await expect.poll(() => page.getByLabel("Yhdistys").inputValue()).toBe("org-saimaanvirta");
    // Nothing filled in: the summary names what is missing, and links to it.
    await page.getByRole("button", { name: "Lähetä" }).click();
    await page.getByRole("link", { name: "Kirjoita nimesi (enintään 80 merkkiä)." }).waitFor();
    await page.getByLabel("Nimi").fill("Veikko Vapaaehtoinen");
    await page.getByLabel("Sähköposti").fill("veikko.e2e@example.fi");
    await page.getByLabel("Kotikunta").selectOption("Parikkala");
    await page.getByLabel("Kerro itsestäsi (vapaaehtoinen)").fill("Ehdin lauantaisin.");
    await page.getByRole("button", { name: "Lähetä" }).click();
    await page.getByText("Kiitos! Yhdistys SaimaanVirta ry sai viestisi").waitFor();
    await visitor.close();

    const { page: staffPage, close } = await open("yhdistys@luotsi.example");
    await staffPage.goto(`${baseUrl}/staff/pilots`);
    await staffPage.getByRole("link", { name: "Luotsiksi haluavat" }).click();
    await staffPage.waitForURL(/\/staff\/pilots\/applications$/);
    const card = staffPage.locator("li", { hasText: "Veikko Vapaaehtoinen" });
    await card.getByRole("link", { name: "veikko.e2e@example.fi" }).waitFor();
    await card.getByRole("button", { name: "Merkitse käsitellyksi" }).click();
    await staffPage.getByText("Merkitty käsitellyksi.").waitFor();
    await staffPage.getByRole("heading", { name: "Käsitellyt" }).waitFor();
    await close();
  }, 120_000);

  it("the new pages at 390 and 1366 px in Finnish and Swedish: axe 0 violations, nothing scrolls sideways", async () => {
    const problems = [
      ...(await lookAt(null, "/join/pilot?organization=org-saimaanvirta", "join-pilot")),
      ...(await lookAt(
        "yhdistys@luotsi.example",
        "/staff/pilots/applications",
        "pilot-applications",
      )),
      ...(await lookAt("koordinaattori@luotsi.example", "/admin/pilots", "pilot-shortage")),
      ...(await lookAt("yhdistys@luotsi.example", "/staff/pilots/trainings", "pilot-trainings")),
      // The pilot form's training status and the pilot's records below it.
      ...(await lookAt("yhdistys@luotsi.example", "/staff/pilots/pilot-matti", "pilot-staff-form")),
    ];
    expect(problems).toEqual([]);
  }, 240_000);
});
