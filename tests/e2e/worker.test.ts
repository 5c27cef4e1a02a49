import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations, DESKTOP, launchBrowser, PHONE, SCREEN_PHONE, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await page.waitForURL(`${baseUrl}/`);
}

describe("journey 2: a worker records a participant, finds suggestions and sends referrals", () => {
  it("from sign-in to sent referrals, then the pilot accepts", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "fi-FI" });
    const page = await context.newPage();
    await signIn(page, baseUrl, "tyontekija@luotsi.example");
    await page.waitForURL(`${baseUrl}/worker`);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("Ville");
    // Own caseload first, then the organization's unassigned participants.
    const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(headings[0]).toMatch(/^Omat asiakkaat/);
    expect(headings[1]).toMatch(/^Ilman vastuutyöntekijää/);

    await page.getByRole("link", { name: "Uusi osallistuja" }).click();
    await page.waitForURL(`${baseUrl}/participants/new`);
    expect(await axeViolations(page)).toEqual([]);
    // Bad input first: the form answers with field errors and keeps what was typed.
    await page.getByLabel("Mistä hän pitää tai on pitänyt (vapaa kuvaus)").fill("");
    await page.getByLabel("Syntymävuosi (vapaaehtoinen)").fill("1850");
    await page.getByRole("button", { name: "Tallenna osallistuja" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Tarkista");
    expect(page.url()).toBe(`${baseUrl}/participants/new`);
    // Once beside the field, once as a link in the form's error summary.
    await page.locator(".field-error", { hasText: "Syntymävuosi on neljä numeroa" }).waitFor();
    await page.locator(".error-summary a", { hasText: "Syntymävuosi on neljä numeroa" }).waitFor();

    await page.getByLabel("Etunimi tai lempinimi (vapaaehtoinen)").fill("Jussi");
    await page.getByLabel("Kunta").selectOption("Parikkala");
    await page.getByLabel("Syntymävuosi (vapaaehtoinen)").fill("1994");
    await page
      .getByLabel("Mistä hän pitää tai on pitänyt (vapaa kuvaus)")
      .fill("Tykkää olla luonnossa, ennen kalasti paljon isän kanssa.");
    await page.getByLabel("Haluaa toimintaluotsin kulkemaan rinnalla").check();
    await page.getByLabel("Päihteetön").check();
    // The schedule editor: one row to start with, a second one added.
    await page.getByLabel("Viikonpäivä (aika 1)").selectOption("2");
    await page.locator("#schedule-0-start").fill("16:00");
    await page.locator("#schedule-0-end").fill("20:00");
    await page.getByRole("button", { name: "Lisää aika" }).click();
    await page.getByLabel("Viikonpäivä (aika 2)").selectOption("6");
    await page.locator("#schedule-1-start").fill("09:00");
    await page.locator("#schedule-1-end").fill("15:00");
    await page.getByLabel("Osallistuja on antanut suostumuksen tietojensa tallentamiseen").check();
    await page.getByRole("button", { name: "Tallenna osallistuja" }).click();
    await page.waitForURL(/\/participants\/p-[0-9a-f]{10}$/);
    const participantUrl = page.url();
    await page.getByRole("heading", { level: 1, name: /^Jussi \(p-/ }).waitFor();
    // The summary: who (age group, never the birth year), where, interests as understood.
    const summary = page.locator(".summary");
    await expect.poll(() => summary.textContent()).toMatch(/Kuka.*v · suomi.*Missä.*Parikkala/);
    expect(await summary.textContent()).not.toContain("1994");
    expect(await summary.locator("dd").nth(2).textContent()).toMatch(/kalastus/);

    // Suggestions in one click (the page's suggestions part), with reasons.
    await page.getByRole("link", { name: "Ehdotukset", exact: true }).click();
    await page.waitForURL(/\/suggestions$/);
    const activityCard = page.locator(".card", {
      has: page.getByRole("heading", { name: "Kalaretki Kirkkorantaan" }),
    });
    await expect.poll(() => activityCard.count()).toBe(1);
    expect(await activityCard.textContent()).toMatch(/kalastus/i);
    const cardNotes = await activityCard.locator(".fit-notes").innerText();
    const pilotCard = page.locator(".card", { has: page.getByRole("heading", { name: "Matti" }) });
    await expect.poll(() => pilotCard.count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Shortlist both, together with the participant.
    await page.getByRole("button", { name: "Lisää listalle: Kalaretki Kirkkorantaan" }).click();
    await activityCard.getByText("Listalla").waitFor();
    await page.getByRole("button", { name: "Lisää listalle: Matti" }).click();
    await pilotCard.getByText("Listalla").waitFor();
    await page.getByRole("link", { name: "Yhteinen lista" }).click();
    await page.waitForURL(/\/shortlist$/);
    const shortlist = page.locator("section", {
      has: page.getByRole("heading", { name: "Yhteinen lista" }),
    });
    await shortlist.getByText("la 9–13 sopii").first().waitFor();
    // The card said what fits in the shortlist's very words (both from fit-notes.ts).
    expect(
      await shortlist
        .locator(".card", { hasText: "Kalaretki Kirkkorantaan" })
        .locator(".fit-notes")
        .innerText(),
    ).toBe(cardNotes);

    // Referrals to both in one step.
    await shortlist.getByLabel("Kalaretki Kirkkorantaan", { exact: true }).check();
    await shortlist.getByLabel("Matti", { exact: true }).check();
    await page.getByLabel("Viesti vastaanottajalle (vapaaehtoinen)").fill("Tulisiko Jussi mukaan?");
    await page.getByRole("button", { name: "Lähetä ohjaus valituille" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Ohjaukset lähetetty.");
    await page.goto(`${participantUrl}/referrals`);
    const referrals = page.locator("table", { hasText: "Kohde" });
    await referrals.getByText("odottaa vastausta").nth(1).waitFor();

    // Sending again is refused: no duplicate open referral.
    await page.goto(`${participantUrl}/shortlist`);
    await page
      .locator("section", { has: page.getByRole("heading", { name: "Yhteinen lista" }) })
      .getByLabel("Matti", { exact: true })
      .check();
    await page.getByRole("button", { name: "Lähetä ohjaus valituille" }).click();
    // Beside the choices and as a link in the form's error summary.
    await expect
      .poll(() => page.getByText("Jollekin valitulle on jo avoin ohjaus").count())
      .toBe(2);

    // The summary says what is open: both referrals wait for an answer.
    await page.goto(participantUrl);
    await page
      .locator(".open-items")
      .getByText(/Odottaa vastausta: .*Kalaretki Kirkkorantaan/)
      .waitFor();

    // The record shows who has looked: one line for the worker today, with a count.
    await page.goto(`${participantUrl}/privacy`);
    const views = page.locator(".view-log li", { hasText: "Ville Etsivä (työntekijä)" });
    await expect.poll(() => views.count()).toBe(1);
    expect(await views.innerText()).toMatch(/\d+ kertaa, klo .*osallistujan sivu/);
    await signOut(page);

    // The pilot accepts.
    await signIn(page, baseUrl, "luotsi@luotsi.example");
    await page.goto(`${baseUrl}/pilot`);
    await page
      .getByRole("button", { name: /^Hyväksy/ })
      .first()
      .click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Pyyntö hyväksytty");
    await signOut(page);

    // The worker sees the outcome on the participant page.
    await signIn(page, baseUrl, "tyontekija@luotsi.example");
    await page.goto(`${participantUrl}/referrals`);
    await page.locator("tr", { hasText: "Matti" }).getByText("hyväksytty").waitFor();
    await context.close();
  });

  it("on a 390 px phone: the summary first, the first suggestion within three screens", async () => {
    const context = await browser.newContext({ viewport: SCREEN_PHONE, locale: "fi-FI" });
    const page = await context.newPage();
    await signIn(page, baseUrl, "tyontekija@luotsi.example");
    await page.goto(`${baseUrl}/participants/p-0001`);
    // Who, where and what is open, before any part of the record.
    const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(headings.slice(0, 2)).toEqual(["Kuka ja missä", "Mikä on kesken"]);
    await page
      .locator(".open-items")
      .getByText(/Viimeisin yhteys|Ei kirjattua yhteyttä/)
      .waitFor();
    // The read-only facts name things plainly, without the form's hints.
    await page.getByRole("link", { name: "Tiedot", exact: true }).click();
    await page.waitForURL(/\/profile$/);
    await page.getByRole("heading", { level: 2, name: "Tiedot" }).waitFor();
    const facts = await page.locator("dl.facts dt").allTextContents();
    expect(facts).toContain("Syntymävuosi");
    expect(facts.join(" ")).not.toMatch(/\(vapaaehtoinen\)|\(raportointia varten\)/);
    // From the top of the summary: one tap on the local navigation, then the first card.
    await page.goto(`${baseUrl}/participants/p-0001`);
    const link = page.getByRole("link", { name: "Ehdotukset", exact: true });
    const linkBottom = await link.evaluate((el) => el.getBoundingClientRect().bottom + scrollY);
    expect(linkBottom).toBeLessThanOrEqual(SCREEN_PHONE.height);
    await link.click();
    await page.waitForURL(/\/suggestions$/);
    const first = page.locator(".suggestion-cards > li").first();
    const bottom = await first.evaluate((el) => el.getBoundingClientRect().bottom + scrollY);
    // Scrolling needed to see the whole first card (the baseline's rule): under three screens.
    expect(Math.max(0, bottom - SCREEN_PHONE.height)).toBeLessThan(3 * SCREEN_PHONE.height);
    // No empty band above the card's title.
    const gap = await first.evaluate(
      (el) => el.querySelector("h4")!.getBoundingClientRect().top - el.getBoundingClientRect().top,
    );
    expect(gap).toBeLessThan(24);
    await context.close();
  });

  it("browses the catalog together and adds an activity to the participant's list", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "fi-FI" });
    const page = await context.newPage();
    await signIn(page, baseUrl, "tyontekija@luotsi.example");
    await page.goto(`${baseUrl}/participants/p-0002`);
    await page.getByRole("button", { name: "Selaa toimintoja yhdessä" }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.getByText("Selaat yhdessä osallistujan p-0002 kanssa.").waitFor();
    await page.goto(`${baseUrl}/?q=puutyö`);
    // The form posts and comes back to the same URL, so wait for the post itself.
    await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "POST" && r.url().includes("/participants/p-0002"),
      ),
      page.getByRole("button", { name: "Lisää listalle: Puutyöpaja" }).first().click(),
    ]);
    await page.goto(`${baseUrl}/participants/p-0002/shortlist`);
    // Plain words on what does not fit: the workshop is full.
    await page.locator(".card", { hasText: "Puutyöpaja" }).getByText("täynnä").waitFor();
    await context.close();
  });

  it("another organization's worker gets 'not found' for the participant", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "fi-FI" });
    const page = await context.newPage();
    await signIn(page, baseUrl, "tyontekija2@luotsi.example");
    const res = await page.goto(`${baseUrl}/participants/p-0001`);
    expect(res?.status()).toBe(404);
    await context.close();
  });
});
