import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { axeViolations, launchBrowser } from "./browser.ts";

/**
 * Keyboard-only walks (WCAG 2.1 beyond what axe sees): after each action the
 * test checks where the focus is and what is announced, at 390 and 320 px,
 * with no sideways scrolling (1.4.10). Only the keyboard moves the focus;
 * the mouse is never used.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE_390 = { width: 390, height: 844 };
const PHONE_320 = { width: 320, height: 640 };

async function newContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: "fi-FI", hasTouch: false });
}

/** What has the focus: its tag, id and text (or label), for assertions and messages. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: "", id: "", text: "" };
    const label =
      el.getAttribute("aria-label") ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el.textContent ??
      "";
    return { tag: el.tagName.toLowerCase(), id: el.id, text: label.replace(/\s+/g, " ").trim() };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's text matches; fails after `max` presses. */
async function tabTo(page: Page, name: RegExp, { max = 80, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (name.test((await focused(page)).text)) return;
  }
  throw new Error(`no focusable element matching ${name} within ${max} presses of Tab`);
}

/** The polite live region's words (page-focus.tsx announce()). */
const announced = (page: Page) => page.locator("#announcer").textContent();

async function noSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(innerWidth);
}

async function signInByKeyboard(page: Page, email: string) {
  await page.goto(`${baseUrl}/login`);
  await tabTo(page, /^Sähköposti$/);
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type("luotsi-demo-2026");
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // The button is not disabled while sending, so focus never drops to <body>: it lands on the new page's heading.
  await expect.poll(async () => (await focused(page)).tag).toBe("h1");
}

describe("keyboard only", () => {
  it("at 320 px: a visitor searches, filters, pages and opens an activity; focus and count follow", async () => {
    const context = await newContext(PHONE_320);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await noSidewaysScroll(page);

    await tabTo(page, /^Mitä haluaisit tehdä\?$/);
    await page.keyboard.type("kerho");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=kerho/);
    // The result heading takes focus and says the count (and the page when there are several).
    await expect.poll(async () => (await focused(page)).id).toBe("results-heading");
    expect((await focused(page)).text).toMatch(/\d+ toimintaa|1 toiminta/);
    await noSidewaysScroll(page);

    // The filter toggle is a button that says it is folded, and opens with Enter.
    const toggle = page.locator("details.filters > summary");
    await tabTo(page, /^Rajaa hakua/, { back: true });
    expect(await page.locator("details.filters").getAttribute("open")).toBeNull();
    await page.keyboard.press("Enter");
    expect(await page.locator("details.filters").getAttribute("open")).not.toBeNull();
    expect(await toggle.evaluate((el) => getComputedStyle(el, "::after").content)).not.toBe("none");
    await noSidewaysScroll(page);

    await tabTo(page, /^Näytä tulokset$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/kind=/);
    await expect.poll(async () => (await focused(page)).id).toBe("results-heading");

    // Paging: focus to the heading of the new page, which says its number.
    await page.goto(`${baseUrl}/`);
    await tabTo(page, /^Seuraava$/, { max: 200 });
    await page.keyboard.press("Enter");
    await page.waitForURL(/page=2/);
    await expect.poll(async () => (await focused(page)).id).toBe("results-heading");
    expect((await focused(page)).text).toMatch(/Sivu 2 \/ \d+/);
    await noSidewaysScroll(page);

    // Opening an activity by client-side navigation: focus on its heading, not on <body>.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const title = (await focused(page)).text;
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/activities\//);
    await expect.poll(async () => (await focused(page)).tag).toBe("h1");
    expect((await focused(page)).text).toBe(title);
    await noSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);

    // A query string that makes no sense gets a sentence in Finnish, not the schema's English.
    await page.goto(`${baseUrl}/?age=abc`);
    expect(await page.locator("main").textContent()).toContain("Kirjoita ikä numeroina");
    expect(await page.locator("main").textContent()).not.toMatch(/Invalid input|expected number/);
    await noSidewaysScroll(page);
    await context.close();
  });

  it("the page-not-found page has a title and speaks the visitor's language", async () => {
    const context = await newContext(PHONE_390);
    const page = await context.newPage();
    const fi = await page.goto(`${baseUrl}/ei-tallaista-sivua`);
    expect(fi?.status()).toBe(404);
    expect(await page.title()).toBe("Sivua ei löytynyt – Luotsi");
    await page.goto(`${baseUrl}/ei-tallaista-sivua?lang=sv`);
    expect(await page.title()).toBe("Sidan hittades inte – Luotsi");
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    await context.close();
  });

  it("at 390 px: a worker signs in, fixes a form from its error summary, gets suggestions and shortlists", async () => {
    const context = await newContext(PHONE_390);
    const page = await context.newPage();
    await signInByKeyboard(page, "tyontekija@luotsi.example");

    // The signed-in header is one line on a phone: the links are behind a menu button.
    const header = await page.locator(".site-header").boundingBox();
    expect(header!.height).toBeLessThan(80);
    await tabTo(page, /^Valikko/);
    await page.keyboard.press("Enter");
    await tabTo(page, /^Ilmoitukset/);
    await noSidewaysScroll(page);

    // The new-participant form sent empty: the error summary takes focus, its link leads to the field.
    await page.goto(`${baseUrl}/participants/new`);
    await noSidewaysScroll(page);
    await tabTo(page, /^Tallenna osallistuja$/, { max: 120 });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).text).toMatch(/^Tarkista merkityt kentät/);
    expect(await page.locator(".error-summary").getAttribute("role")).toBe("alert");
    await page.keyboard.press("Tab");
    const link = await focused(page);
    expect(link.tag).toBe("a");
    await page.keyboard.press("Enter");
    const field = await focused(page);
    expect(["input", "textarea", "select"]).toContain(field.tag);
    // The field says it is wrong and keeps its hint beside the error.
    const describedBy = await page.evaluate(() =>
      document.activeElement?.getAttribute("aria-describedby"),
    );
    expect(describedBy).toContain("-error");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-invalid"))).toBe(
      "true",
    );
    const nickname = page.locator("#nickname");
    expect(await nickname.getAttribute("aria-describedby")).toBe("nickname-hint");
    expect(await axeViolations(page)).toEqual([]);

    // Filled in, by keyboard.
    await page.locator("#interestText").focus();
    await page.keyboard.type("Tykkää kalastaa ja olla luonnossa.");

    // The schedule editor by keyboard: "add" puts focus on the new row's weekday and says so.
    const rows = page.locator(".schedule-row");
    expect(await rows.count()).toBe(1);
    await tabTo(page, /^Lisää aika$/, { max: 60 });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).text).toBe("Viikonpäivä (aika 2)");
    await expect.poll(() => announced(page)).toBe("Aika 2 lisätty.");
    expect(await rows.count()).toBe(2);
    await page.keyboard.press("l"); // lauantai
    expect(await page.locator("#schedule-1-weekday").inputValue()).toBe("6");
    // Removing the empty first row: focus goes to the row that took its place, and it is said.
    await tabTo(page, /^Poista \(aika 1\)$/, { back: true, max: 10 });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).text).toBe("Viikonpäivä (aika 1)");
    await expect.poll(() => announced(page)).toBe("Aika 1 poistettu.");
    expect(await rows.count()).toBe(1);
    expect(await page.locator("#schedule-0-weekday").inputValue()).toBe("6");
    await noSidewaysScroll(page);
    // Enter in a text field sends the form (not the editor's first "Remove"). The row has a
    // weekday but no times: the summary links to that row's field, which says what is missing.
    await page.locator("#nickname").focus();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).text).toMatch(/^Tarkista merkityt kentät/);
    expect(await rows.count()).toBe(1);
    const toRow = page.locator(".error-summary a", { hasText: "Anna sekä alkamis- että" });
    expect(await toRow.getAttribute("href")).toBe("#schedule-0-start");
    await toRow.focus();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).id).toBe("schedule-0-start");
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute("aria-describedby")),
    ).toBe("schedule-0-start-error");
    await page.locator("#schedule-0-start").fill("10:00");
    await page.locator("#schedule-0-end").fill("12:00");
    await tabTo(page, /suostumuksen/, { max: 120 });
    await page.keyboard.press("Space");
    await tabTo(page, /^Tallenna osallistuja$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/participants\/p-[0-9a-f]{10}$/);
    await expect.poll(async () => (await focused(page)).tag).toBe("h1");
    const participantUrl = page.url();
    await noSidewaysScroll(page);

    // Suggestions: focus on their heading, the count announced.
    await tabTo(page, /^Ehdotukset$/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/suggestions$/);
    await expect.poll(async () => (await focused(page)).id).toBe("suggestions");
    await expect.poll(() => announced(page)).toMatch(/^Ehdotuksia \d+\.$/);
    await noSidewaysScroll(page);

    // "Add to the shortlist": the answer takes focus on the same card and says what was added.
    await tabTo(page, /^Lisää listalle: /);
    const added = (await focused(page)).text.replace(/^Lisää listalle: /, "");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).id).toMatch(/^listed-activity-/);
    expect((await focused(page)).text).toBe(`Listalla: ${added}`);

    // Sending referrals with nothing chosen: the summary, then the group of checkboxes.
    await page.goto(`${participantUrl}/shortlist`);
    await tabTo(page, /^Lähetä ohjaus valituille$/, { max: 120 });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).text).toMatch(/^Tarkista merkityt kentät/);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const box = await page.evaluate(() => ({
      type: (document.activeElement as HTMLInputElement).type,
      invalid: document.activeElement?.getAttribute("aria-invalid"),
      legend: document.activeElement?.closest("fieldset")?.querySelector("legend")?.textContent,
    }));
    expect(box).toEqual({ type: "checkbox", invalid: "true", legend: "Kenelle ohjaus lähetetään" });
    await page.keyboard.press("Space");
    await tabTo(page, /^Lähetä ohjaus valituille$/, { max: 40 });
    await page.keyboard.press("Enter");
    // The status stands next to the button and takes focus.
    await expect.poll(async () => (await focused(page)).text).toMatch(/^Ohjaukset lähetetty/);

    await context.close();
  });

  it("warns before the session ends, continues it, and keeps a half-filled form across signing in again", async () => {
    const context = await newContext(PHONE_390);
    const page = await context.newPage();
    await page.clock.install();
    await signInByKeyboard(page, "tyontekija@luotsi.example");
    await page.goto(`${baseUrl}/participants/new`);
    await page.locator("#nickname").focus();
    await page.keyboard.type("Keskeneräinen");
    await page.locator("#interestText").focus();
    await page.keyboard.type("Haluaa pelata shakkia.");

    // The server itself extends the session on "continue" (a full idle period from now).
    const extended = await page.evaluate(async () => {
      const res = await fetch("/session", { method: "POST" });
      return ((await res.json()) as { endsAt: number }).endsAt - Date.now();
    });
    expect(extended).toBeGreaterThan(29 * 60_000);
    // Near the end (sessions last 30 idle minutes): the page's clock jumps 28½ minutes, and the
    // server's answers are given in that clock's time.
    const ahead = 28.5 * 60_000;
    await page.route(`${baseUrl}/session`, (route) =>
      route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({
          endsAt: Date.now() + ahead + (route.request().method() === "POST" ? 30 * 60_000 : 90_000),
        }),
      }),
    );
    await page.clock.fastForward(ahead);
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Istuntosi päättyy");
    await expect.poll(async () => (await focused(page)).text).toBe("Jatka istuntoa");
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => announced(page)).toBe("Istunto jatkuu.");
    // Back where the person was typing.
    expect((await focused(page)).text).toMatch(/Mistä hän pitää/);

    await page.unroute(`${baseUrl}/session`);
    // The session ends on the server (here: it is removed) and the form is sent:
    // sign-in says why, and after signing in the form is as it was.
    await context.clearCookies();
    await context.addCookies([{ name: "luotsi_session", value: "ended-session-id", url: baseUrl }]);
    await page.locator("#interestText").focus();
    await tabTo(page, /^Tallenna osallistuja$/, { max: 120 });
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/login\?redirectTo=.*expired=1/);
    // The sign-in page's own status, once the announcer has moved on from "Istunto jatkuu.".
    await expect
      .poll(() => page.getByRole("status").allTextContents())
      .toContainEqual(expect.stringContaining("Istuntosi päättyi"));
    await tabTo(page, /^Sähköposti$/);
    await page.keyboard.type("tyontekija@luotsi.example");
    await page.keyboard.press("Tab");
    await page.keyboard.type("luotsi-demo-2026");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/participants/new`);
    await expect.poll(() => page.locator("#nickname").inputValue()).toBe("Keskeneräinen");
    expect(await page.locator("#interestText").inputValue()).toBe("Haluaa pelata shakkia.");
    await expect.poll(() => announced(page)).toMatch(/palautettiin/);
    // Restored once: the copy in the browser is gone.
    expect(await page.evaluate(() => sessionStorage.getItem("luotsi.form-draft"))).toBeNull();
    await context.close();
  });
});
