import crypto from "node:crypto";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { organizations, users } from "#db/schema.ts";
import { hashPassword } from "#app/infra/auth.server.ts";
import { openDatabase, type Db } from "#app/infra/db.server.ts";
import type { ParticipantFields } from "#app/modules/participants/participant-schema.ts";
import { saveParticipant } from "#app/modules/participants/participants.server.ts";
import {
  axeViolations,
  DESKTOP,
  launchBrowser,
  saveScreenshot,
  SCREEN_DESKTOP,
  SCREEN_PHONE,
  signIn,
} from "./browser.ts";

/**
 * Issue #17 end to end: a coordinator opens the unmet-interests view, staff
 * start an activity from one of its cells, and the worker of the people it
 * fits (in another organization) sees "uusi sopiva toiminta".
 */

const baseUrl = inject("baseUrl");
let browser: Browser;
let db: Db;
const WORKER_EMAIL = "kylatyontekija@luotsi.example";
const PASSWORD = "luotsi-demo-2026";

beforeAll(async () => {
  browser = await launchBrowser();
  // The server's own database: six people of another organization living in
  // Parikkala would like to bake together, and nothing near them offers it.
  db = openDatabase(path.join(inject("e2eDataDir"), "luotsi.db"));
  const org = db
    .select()
    .from(organizations)
    .where(eq(organizations.ref, "org-simpeleen-kylayhdistys"))
    .get()!;
  db.insert(users)
    .values({
      id: crypto.randomUUID(),
      email: WORKER_EMAIL,
      role: "worker",
      organizationId: org.id,
      displayName: "Kylän työntekijä",
      passwordHash: await hashPassword(PASSWORD),
    })
    .run();
  for (let i = 0; i < 6; i++)
    saveParticipant(
      db,
      { kind: "system", name: "e2e" },
      {
        ref: `p-baker-${i}`,
        organizationId: org.id,
        fields: {
          municipality: "Parikkala",
          gender: "unknown",
          languages: ["fi"],
          interests: ["leivonta"],
          // Five share Thursday afternoons.
          schedule: [
            i < 5
              ? { weekday: 4, start: "12:00", end: "18:00" }
              : { weekday: 1, start: "09:00", end: "11:00" },
          ],
        } as ParticipantFields,
      },
    );
});
afterAll(async () => {
  await browser?.close();
  db?.$client.close();
});

async function newPage(viewport = DESKTOP, locale = "fi-FI"): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  return context.newPage();
}

describe("what is missing, and where", () => {
  it("a coordinator opens the view: counts by municipality and interest, no one's record", async () => {
    const page = await newPage();
    await signIn(page, baseUrl, "koordinaattori@luotsi.example");
    await page.getByRole("link", { name: /Puuttuva toiminta/ }).click();
    await page.waitForURL(/\/needs$/);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Puuttuva toiminta");
    expect(await page.locator("svg[role=img] title").first().textContent()).toBeTruthy();
    await page.getByLabel("Kunta", { exact: true }).selectOption("Parikkala");
    await page.getByRole("button", { name: "Näytä" }).click();
    await page.waitForURL(/municipality=Parikkala/);
    // The six and any of the demo's Parikkala bakers (a hidden number stays hidden).
    const row = page.locator('#data-by-interest tr[data-code="k:baking"]');
    await expect
      .poll(async () => Number(await row.locator('td[data-measure="unmet"]').textContent()))
      .toBeGreaterThanOrEqual(6);
    // Never a participant's ref on the page.
    expect(await page.content()).not.toContain("p-baker-");
    expect(await axeViolations(page)).toEqual([]);
    for (const [name, viewport] of [
      ["1366", SCREEN_DESKTOP],
      ["390", SCREEN_PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await saveScreenshot(page, `needs-admin-fi-${name}`);
    }
    await page.context().close();
  }, 120_000);

  it("staff start an activity from a cell and the affected worker is told", async () => {
    const page = await newPage();
    await signIn(page, baseUrl, "yhdistys@luotsi.example");
    await page.getByRole("link", { name: "Puuttuva toiminta" }).click();
    await page.waitForURL(/\/needs$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: /Perusta toiminta: leivonta, Parikkala/ }).click();
    await page.waitForURL(/\/staff\/activities\/new\?interest=baking&municipality=Parikkala$/);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("leivonta");
    expect(await page.getByLabel("Kiinnostukset (pilkuin eroteltuna)").inputValue()).toBe(
      "leivonta",
    );
    expect(await page.getByLabel("Kunta", { exact: true }).inputValue()).toBe("Parikkala");
    // The time five of them share: Thursday afternoon.
    expect(await page.getByLabel("Viikonpäivä (aika 1)").inputValue()).toBe("4");
    expect(await page.getByLabel("Alkaa (aika 1)").inputValue()).toBe("13:00");
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, "needs-new-activity-fi-1366");
    await page.getByLabel("Nimi", { exact: true }).fill("Leivontakerho");
    await page.getByLabel("Kuvaus", { exact: true }).fill("Leivotaan pullaa ja leipää yhdessä.");
    await page.getByRole("button", { name: "Julkaise" }).click();
    await page.waitForURL(/\/staff\/activities\/act-leivontakerho-[0-9a-f]+\?saved=created$/);
    await page.context().close();

    const worker = await newPage();
    await signIn(worker, baseUrl, WORKER_EMAIL, PASSWORD);
    await worker.goto(`${baseUrl}/notifications`);
    const told = worker.getByText(/Uusi sopiva toiminta: Leivontakerho/);
    await expect.poll(() => told.count()).toBe(6);
    expect(await axeViolations(worker)).toEqual([]);
    await worker.context().close();
  }, 120_000);

  it("looks finished in Swedish on a phone and a desktop", async () => {
    const page = await newPage(SCREEN_PHONE, "sv-SE");
    await signIn(page, baseUrl, "koordinaattori@luotsi.example");
    await page.goto(`${baseUrl}/needs?municipality=Parikkala`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Saknad verksamhet");
    await saveScreenshot(page, "needs-admin-sv-390");
    await page.setViewportSize(SCREEN_DESKTOP);
    await saveScreenshot(page, "needs-admin-sv-1366");
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
