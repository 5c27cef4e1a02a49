import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { activities, participants, pilots, users } from "#db/schema.ts";
import { openDatabase, type Db } from "#app/infra/db.server.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { sendReferrals } from "#app/modules/referrals/referral-sending.server.ts";
import { axeViolations, DESKTOP, launchBrowser, PHONE, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
let db: Db;

beforeAll(async () => {
  browser = await launchBrowser();
  // The server's own database: the test plays the worker who sends a referral.
  db = openDatabase(path.join(inject("e2eDataDir"), "luotsi.db"));
});
afterAll(async () => {
  await browser?.close();
  db?.$client.close();
});

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "fi-FI" });
  return context.newPage();
}

describe("an association publishes an activity", () => {
  it("staff publish Kalastuskerho in Parikkala and find it in the public catalog", async () => {
    const page = await newPage();
    await signIn(page, baseUrl, "yhdistys@luotsi.example");
    await page.waitForURL(/\/staff$/);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("SaimaanVirta ry");
    await page.getByRole("link", { name: "Uusi toiminta" }).click();
    await page.waitForURL(/\/staff\/activities\/new$/);

    // Nothing filled in: the same schema as the server refuses it, with field errors.
    await page.getByLabel("Nimi", { exact: true }).fill("");
    await page.getByRole("button", { name: "Julkaise" }).click();
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toContain("Tarkista merkityt kentät");
    expect(await page.locator("#f-title-error").textContent()).toContain("Anna nimi");

    await page.getByLabel("Nimi", { exact: true }).fill("Kalastuskerho");
    await page
      .getByLabel("Kuvaus", { exact: true })
      .fill("Kalastetaan yhdessä Simpeleenjärvellä. Välineet saa lainaksi.");
    await page.getByLabel("Kiinnostukset (pilkuin eroteltuna)").fill("kalastus, luonto");
    await page.getByLabel("Laji").selectOption("group");
    // A postal code gives the municipality (ADR 025); nobody types coordinates.
    await page.getByLabel("Postinumero").fill("59100");
    // The optional map starts at the municipality centre; a click refines the point.
    // Tiles come from the test's tile stub (MAP_TILE_URL, tests/setup/tile-stub.ts).
    await page.getByRole("button", { name: "Valitse paikka kartalta" }).click();
    const picker = page.getByRole("region", { name: "Valitse paikka kartalta" });
    await expect.poll(() => picker.getAttribute("data-ready")).toBe("true");
    await picker.click();
    await expect.poll(() => page.locator('input[name="lat"]').inputValue()).toMatch(/^61\.5/);
    expect(await page.locator('input[name="lon"]').inputValue()).toMatch(/^29\./);
    // The schedule editor's first row: Tuesday 17–19.
    await page.getByLabel("Viikonpäivä (aika 1)").selectOption("2");
    await page.getByLabel("Alkaa (aika 1)").fill("17:00");
    await page.getByLabel("Päättyy (aika 1)").fill("19:00");
    await page.getByLabel("Maksuton").check();
    await page.getByLabel("Voi tulla suoraan paikalle").check();
    await page.getByLabel("Päihteetön").check();
    await page.getByLabel("Paikkoja yhteensä").fill("12");
    await page.getByLabel("Mukana nyt").fill("7");
    expect(await page.getByLabel("suomi", { exact: true }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Julkaise" }).click();
    await page.waitForURL(/\/staff\/activities\/act-kalastuskerho-[0-9a-f]+\?saved=created$/);
    const ref = new URL(page.url()).pathname.split("/").pop()!;
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("julkaistiin");

    // The outbox indexes it within a second on a quiet machine; a loaded one may take longer.
    await expect
      .poll(
        async () => {
          await page.goto(`${baseUrl}/?q=kalastus&municipality=Parikkala`);
          return page.locator(`a[href="/activities/${ref}"]`).count();
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBeGreaterThan(0);
    await page.locator(`a[href="/activities/${ref}"]`).first().click();
    await page.waitForURL(new RegExp(`/activities/${ref}$`));
    const body = await page.locator("main").textContent();
    expect(body).toContain("Kalastuskerho");
    expect(body).toContain("5 vapaata paikkaa");
    expect(body).toMatch(/(tiistai|ti) 17–19/i);
    await page.context().close();
  });
});

describe("the schedule editor without JavaScript", () => {
  it("adds and removes rows by sending the form: what was typed stays, nothing is saved", async () => {
    const context = await browser.newContext({
      viewport: DESKTOP,
      locale: "fi-FI",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await signIn(page, baseUrl, "yhdistys@luotsi.example");
    await page.goto(`${baseUrl}/staff/activities/new`);
    await page.getByLabel("Nimi", { exact: true }).fill("Iltakävely");
    await page.getByLabel("Viikonpäivä (aika 1)").selectOption("1");
    await page.getByLabel("Alkaa (aika 1)").fill("18:00");
    await page.getByLabel("Päättyy (aika 1)").fill("19:00");
    await page.getByRole("button", { name: "Lisää aika" }).click();
    await page.getByLabel("Viikonpäivä (aika 2)").waitFor();
    expect(new URL(page.url()).pathname).toBe("/staff/activities/new");
    expect(await page.locator(".error-summary").count()).toBe(0);
    expect(await page.getByLabel("Nimi", { exact: true }).inputValue()).toBe("Iltakävely");
    expect(await page.getByLabel("Viikonpäivä (aika 1)").inputValue()).toBe("1");
    expect(await page.getByLabel("Alkaa (aika 1)").inputValue()).toBe("18:00");
    expect(await page.getByLabel("Päättyy (aika 1)").inputValue()).toBe("19:00");
    expect(await page.getByLabel("Viikonpäivä (aika 2)").inputValue()).toBe("");
    await page.getByLabel("Viikonpäivä (aika 2)").selectOption("4");
    await page.getByRole("button", { name: "Poista (aika 1)" }).click();
    await page.getByLabel("Viikonpäivä (aika 1)").waitFor();
    expect(await page.locator(".schedule-row").count()).toBe(1);
    expect(await page.getByLabel("Viikonpäivä (aika 1)").inputValue()).toBe("4");
    expect(await page.getByLabel("Nimi", { exact: true }).inputValue()).toBe("Iltakävely");
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(activities)
        .where(eq(activities.title, "Iltakävely"))
        .get()!.n,
    ).toBe(0);
    await context.close();
  });
});

describe("a pilot decides when to take someone new", () => {
  it("turns accepting off and on", async () => {
    const page = await newPage();
    await signIn(page, baseUrl, "luotsi@luotsi.example");
    await page.waitForURL(/\/pilot$/);
    await page.getByRole("button", { name: "En ota nyt uusia" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("et ota nyt uusia");
    expect(
      db.select().from(pilots).where(eq(pilots.ref, "pilot-matti")).get()?.acceptingMentees,
    ).toBe(false);
    await page.getByRole("button", { name: "Otan taas uusia" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Otat taas vastaan uusia");
    expect(
      db.select().from(pilots).where(eq(pilots.ref, "pilot-matti")).get()?.acceptingMentees,
    ).toBe(true);
    await page.context().close();
  });

  it("accepts a request from a worker", async () => {
    const worker = db
      .select()
      .from(users)
      .where(eq(users.email, "tyontekija@luotsi.example"))
      .get()!;
    const original = db.select().from(pilots).where(eq(pilots.ref, "pilot-matti")).get()!;
    // Other journeys on this server may have filled Matti's places; this one needs one free.
    if (original.activeMentees >= original.capacity) {
      db.update(pilots)
        .set({ activeMentees: original.capacity - 1 })
        .where(eq(pilots.id, original.id))
        .run();
    }
    const matti = db.select().from(pilots).where(eq(pilots.ref, "pilot-matti")).get()!;
    const participantId = db
      .insert(participants)
      .values({
        ref: "p-e2e-associations",
        organizationId: worker.organizationId!,
        nickname: "Jani",
        municipality: "Parikkala",
        languages: ["fi"],
        needs: { substanceFree: true },
        notes: "Tämä ei näy luotsille",
      })
      .returning({ id: participants.id })
      .get().id;
    const sent = await sendReferrals(db, worker, {
      participantId,
      targets: [{ pilotId: matti.id }],
      message: "Jani haluaisi lähteä kalaan lauantaina.",
    });
    expect(sent.ok).toBe(true);

    const page = await newPage(PHONE);
    await signIn(page, baseUrl, "luotsi@luotsi.example");
    await page.waitForURL(/\/pilot$/);
    const card = page.locator(".card", { hasText: "Jani haluaisi lähteä kalaan" });
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.textContent();
    expect(text).toContain("Jani");
    expect(text).toContain("Päihteetön");
    expect(text).not.toContain("Tämä ei näy luotsille");
    // Headed with who asks, not with the pilot's own name; the name comes with accepting.
    expect(await card.getByRole("heading").textContent()).toMatch(/^Pyyntö: /);
    expect(text).toContain("Nimi näytetään, kun olet hyväksynyt pyynnön.");
    expect(text).toContain("Ikä");
    await card
      .getByLabel("Vastausviesti (vapaaehtoinen)")
      .fill("Sovitaan lauantaiksi, tervetuloa!");
    await card.getByRole("button", { name: "Hyväksy" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Pyyntö hyväksytty");
    // The answer posts to the page's own address: no `?index` left in it.
    expect(new URL(page.url()).search).not.toContain("index");
    const after = db.select().from(pilots).where(eq(pilots.id, matti.id)).get()!;
    expect(after.activeMentees).toBe(matti.activeMentees + 1);
    await expect
      .poll(() => page.getByText(`${after.activeMentees} henkilön rinnalla`).count())
      .toBe(1);
    await page.context().close();
    // Give the place back, so the other journeys on this server still find Matti with room.
    db.update(pilots)
      .set({ activeMentees: matti.activeMentees })
      .where(eq(pilots.id, matti.id))
      .run();
    enqueueIndexChange(db, "pilot", matti.id);
  });
});

describe("accessibility of the association pages (axe, WCAG 2.1 AA)", () => {
  it("has no violations on the staff dashboard, the activity form and the pilot page", async () => {
    const page = await newPage();
    await signIn(page, baseUrl, "yhdistys@luotsi.example");
    for (const p of [
      "/staff",
      "/staff/activities/new",
      "/staff/pilots",
      "/staff/pilots/pilot-matti",
    ]) {
      await page.goto(`${baseUrl}${p}`);
      expect(await axeViolations(page), p).toEqual([]);
    }
    await page.context().close();
    const pilotPage = await newPage(PHONE);
    await signIn(pilotPage, baseUrl, "luotsi@luotsi.example");
    await pilotPage.goto(`${baseUrl}/pilot`);
    expect(await axeViolations(pilotPage), "/pilot").toEqual([]);
    await pilotPage.context().close();
  });
});
