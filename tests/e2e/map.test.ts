import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import demo from "../../db/seed-data/demo.json" with { type: "json" };
import {
  axeViolations,
  launchBrowser,
  saveScreenshot,
  signIn,
  SCREEN_DESKTOP,
  SCREEN_PHONE,
  watchCspViolations,
} from "./browser.ts";

const baseUrl = inject("baseUrl");
const tileStubUrl = inject("tileStubUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type DemoActivity = { ref: string; location?: { lat?: number; lon?: number } | null };
const coordinates = new Map(
  (demo.activities as DemoActivity[])
    .filter((a) => a.location?.lat != null && a.location?.lon != null)
    .map((a) => [a.ref, { lat: a.location!.lat!, lon: a.location!.lon! }]),
);

/** Web Mercator, as tile servers cut their tiles: global pixel of a point at zoom z. */
function worldPixel(lat: number, lon: number, zoom: number) {
  const scale = 256 * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((lon + 180) / 360) * scale,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale,
  };
}

/**
 * Where each individual marker's point is on screen, and where the tiles
 * say it should be. The expectation comes from a tile the stub served (its
 * z/x/y and where the browser drew it), not from Leaflet's own projection.
 */
async function markerPositions(page: Page, map: string) {
  const tiles = await page.$$eval(`${map} img.leaflet-tile-loaded`, (imgs) =>
    imgs.map((img) => {
      const r = img.getBoundingClientRect();
      return { src: (img as HTMLImageElement).src, left: r.left, top: r.top, width: r.width };
    }),
  );
  const parsed = tiles
    .map((t) => {
      const m = /\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(t.src);
      return m ? { ...t, z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) } : null;
    })
    .filter((t) => t !== null);
  expect(parsed.length, "tiles from the stub").toBeGreaterThan(0);
  for (const t of parsed) expect(t.src.startsWith(tileStubUrl)).toBe(true);
  const zoom = Math.max(...parsed.map((t) => t.z));
  const tile = parsed.find((t) => t.z === zoom && t.width === 256)!;
  const markers = await page.$$eval(`${map} .leaflet-marker-icon[data-ref]`, (els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      // The icon's anchor is the middle of its bottom edge (leaflet.client.ts).
      return { ref: el.getAttribute("data-ref")!, x: r.left + r.width / 2, y: r.bottom };
    }),
  );
  return markers.map((m) => {
    const c = coordinates.get(m.ref);
    if (!c) return { ...m, expected: null };
    const p = worldPixel(c.lat, c.lon, zoom);
    return {
      ...m,
      expected: { x: tile.left + (p.x - tile.x * 256), y: tile.top + (p.y - tile.y * 256) },
    };
  });
}

async function expectMarkersAtTheirCoordinates(page: Page, map: string, atLeast: number) {
  const measured = (await markerPositions(page, map)).filter((p) => p.expected);
  expect(measured.length).toBeGreaterThanOrEqual(atLeast);
  for (const p of measured) {
    expect(Math.abs(p.x - p.expected!.x), `${p.ref} x`).toBeLessThan(2);
    expect(Math.abs(p.y - p.expected!.y), `${p.ref} y`).toBeLessThan(2);
  }
}

async function waitForMap(page: Page, selector: string) {
  await expect.poll(() => page.locator(selector).getAttribute("data-ready")).toBe("true");
  await expect
    .poll(() =>
      page.$$eval(`${selector} img.leaflet-tile`, (imgs) =>
        imgs.every((i) => i.classList.contains("leaflet-tile-loaded")),
      ),
    )
    .toBe(true);
  // Leaflet fades tiles in; let it settle before measuring or taking pictures.
  await page.waitForTimeout(300);
}

describe("the map (Leaflet, tiles from MAP_TILE_URL)", () => {
  it("puts the catalog's results at their coordinates, clusters close ones, and keeps the CSP", async () => {
    const context = await browser.newContext({ viewport: SCREEN_DESKTOP, locale: "fi-FI" });
    const page = await context.newPage();
    const csp = await watchCspViolations(page);
    const response = await page.goto(`${baseUrl}/?municipality=Rauma`);
    expect(response?.headers()["content-security-policy"]).toContain(
      `img-src 'self' data: ${tileStubUrl}`,
    );
    // The list comes first and works alone; the map is behind a button.
    expect(await page.locator(".card").count()).toBeGreaterThan(2);
    await page.getByRole("button", { name: "Näytä kartalla" }).click();
    const map = '[role="region"][aria-label="Kartta: tämän sivun toiminnat"]';
    await waitForMap(page, map);
    // Rauma's results come with its neighbours' (issue #13): at the zoom that
    // shows them all, Rauma's close ones are one cluster. Opening the largest
    // cluster zooms in on them.
    const counts = await page.$$eval(`${map} .map-cluster`, (els) =>
      els.map((el) => Number(/\d+/.exec(el.textContent ?? "")?.[0] ?? 0)),
    );
    if (counts.length > 0) {
      await page
        .locator(`${map} .map-cluster`)
        .nth(counts.indexOf(Math.max(...counts)))
        .click();
      await page.waitForTimeout(600);
      await waitForMap(page, map);
    }
    await expectMarkersAtTheirCoordinates(page, map, 1);
    // Every marker is a keyboard-reachable button named by its activity.
    const first = page.locator(`${map} .leaflet-marker-icon[data-ref]`).first();
    expect(await first.getAttribute("tabindex")).toBe("0");
    await first.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(`${map} .leaflet-popup-content a`).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, "map-catalog-fi-1366");
    expect(csp).toEqual([]);

    // In Vaasa several activities share an address, and those known only by
    // their municipality share its centre: clusters.
    await page.goto(`${baseUrl}/?municipality=Vaasa`);
    await page.getByRole("button", { name: "Näytä kartalla" }).click();
    await waitForMap(page, map);
    await expectMarkersAtTheirCoordinates(page, map, 3);
    const clusters = page.locator(`${map} .map-cluster`);
    expect(await clusters.count()).toBeGreaterThan(0);
    expect(await clusters.first().textContent()).toMatch(/\d+ toimintaa tällä alueella/);
    await context.close();
  });

  it("shows an activity's own place, at phone and desktop width", async () => {
    for (const [name, viewport] of [
      ["390", SCREEN_PHONE],
      ["1366", SCREEN_DESKTOP],
    ] as const) {
      const context = await browser.newContext({ viewport, locale: "fi-FI" });
      const page = await context.newPage();
      const csp = await watchCspViolations(page);
      await page.goto(`${baseUrl}/activities/act-parikkala-kalaretki`);
      const map = '[role="region"][aria-label="Kartta: missä toiminta on"]';
      await waitForMap(page, map);
      await expectMarkersAtTheirCoordinates(page, map, 1);
      expect(await page.locator(`${map} .leaflet-marker-icon`).getAttribute("data-ref")).toBe(
        "act-parikkala-kalaretki",
      );
      expect(await page.locator(`${map} .leaflet-control-attribution`).textContent()).toContain(
        "OpenStreetMap",
      );
      expect(await axeViolations(page)).toEqual([]);
      await saveScreenshot(page, `map-activity-fi-${name}`);
      expect(csp).toEqual([]);
      await context.close();
    }
  });

  it("lets staff pick a place on the same map: the pin lands where they click", async () => {
    for (const [name, viewport] of [
      ["390", SCREEN_PHONE],
      ["1366", SCREEN_DESKTOP],
    ] as const) {
      const context = await browser.newContext({ viewport, locale: "fi-FI" });
      const page = await context.newPage();
      const csp = await watchCspViolations(page);
      await signIn(page, baseUrl, "yhdistys@luotsi.example");
      await page.goto(`${baseUrl}/staff/activities/new`);
      await page.getByRole("button", { name: "Valitse paikka kartalta" }).click();
      const map = '[role="region"][aria-label="Valitse paikka kartalta"]';
      await waitForMap(page, map);
      const box = (await page.locator(map).boundingBox())!;
      await page.mouse.click(box.x + box.width / 3, box.y + box.height / 3);
      // Nobody types coordinates (ADR 025): the pin fills the form's hidden point and says so.
      await page.getByText("Tarkka kohta on valittu kartalta.").waitFor();
      const lat = Number(await page.locator('input[name="lat"]').inputValue());
      const lon = Number(await page.locator('input[name="lon"]').inputValue());
      // Parikkala, the organization's municipality, is where the map starts.
      expect(lat).toBeGreaterThan(61.4);
      expect(lat).toBeLessThan(61.7);
      expect(lon).toBeGreaterThan(29.3);
      expect(lon).toBeLessThan(29.8);
      const pin = (await page.locator(`${map} .leaflet-marker-icon`).boundingBox())!;
      expect(Math.abs(pin.x + pin.width / 2 - (box.x + box.width / 3))).toBeLessThan(2);
      expect(Math.abs(pin.y + pin.height - (box.y + box.height / 3))).toBeLessThan(2);
      await page.locator(map).scrollIntoViewIfNeeded();
      await saveScreenshot(page, `map-staff-picker-fi-${name}`);
      expect(csp).toEqual([]);
      await context.close();
    }
  });

  it("leaves the list alone without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: SCREEN_PHONE });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?municipality=Rauma`);
    expect(await page.locator(".card").count()).toBeGreaterThan(2);
    expect(await page.locator(".map, .map-toggle").count()).toBe(0);
    await page.goto(`${baseUrl}/activities/act-parikkala-kalaretki`);
    expect(await page.locator(".map").count()).toBe(0);
    await context.close();
  });
});
