import type { ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities } from "#db/schema.ts";
import type { Threshold, WeeklyWindow } from "#app/modules/common/common-schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { publicOrigin } from "#app/infra/http.server.ts";
import { LANGS, PARTICIPANT_LANGS } from "#app/infra/i18n/i18n.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { seedDemoData } from "../../scripts/lib/seed.ts";
import { createActivity, createOrganization, prepareDatabase } from "../factories/index.ts";
import {
  parseHead,
  parseSitemapIndex,
  parseUrlSet,
  pngSize,
  sortAlternates,
  type Alternate,
} from "../support/crawl.ts";
import { validateHtml } from "../support/vnu.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

let build: ServerBuild;
let app: RunningApp;
const origin = publicOrigin();

/** Absolute URLs name PUBLIC_URL; the test server listens elsewhere. */
const local = (url: string) => url.replace(origin, app.url);

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(local(url.startsWith("/") ? `${origin}${url}` : url), {
    headers,
    redirect: "manual",
  });
  return { res, text: await res.text() };
}

type Row = typeof activities.$inferSelect;
let open: Row[];

beforeAll(async () => {
  prepareDatabase();
  await seedDemoData();
  const org = createOrganization({ name: "Verkko ja paikka ry", municipality: "Vaasa" });
  createActivity(org.id, {
    ref: "act-hybrid",
    title: "Sekä paikan päällä että verkossa",
    municipality: "Vaasa",
    location: { address: "Kauppapuistikko 1, 65100 Vaasa", lat: 63.1, lon: 21.6 },
    threshold: { online: true, free: true },
    capacity: 5,
    enrolled: 5,
  });
  await ensureIndexes(getMeili()!);
  await drainOutbox();
  open = getDb().select().from(activities).where(eq(activities.status, "open")).all();
  build = await loadServerBuild();
  app = await startApp(build);
}, 240_000);

afterAll(async () => {
  await app?.close();
});

describe("robots.txt and the sitemap", () => {
  it("robots.txt names the sitemap and keeps crawlers out of signed-in areas", async () => {
    const { res, text } = await get("/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(text).toContain(`Sitemap: ${origin}/sitemap.xml`);
    for (const path of ["/admin", "/participants", "/me", "/staff", "/worker"]) {
      expect(text).toContain(`Disallow: ${path}`);
    }
    expect(text).not.toMatch(/Disallow: \/activities\s*$/m);
    expect(text).not.toMatch(/Disallow: \/api\/hsds/);
  });

  it("lists every open activity in each language; every address answers 200 and agrees with its page", async () => {
    const index = await get("/sitemap.xml");
    expect(index.res.status).toBe(200);
    expect(index.res.headers.get("content-type")).toContain("application/xml");
    const files = parseSitemapIndex(index.text);
    expect(files.map((f) => f.loc)).toContain(`${origin}/sitemap/pages`);
    const urls: { loc: string; alternates: Alternate[] }[] = [];
    for (const file of files) {
      expect(file.loc.startsWith(origin)).toBe(true);
      const part = await get(file.loc);
      expect(part.res.status, file.loc).toBe(200);
      for (const u of parseUrlSet(part.text)) {
        urls.push({
          loc: u.loc,
          alternates: u["xhtml:link"].map((l) => ({ hreflang: l.hreflang, href: l.href })),
        });
      }
    }
    // Every open activity, in each participant language (ADR 017), once.
    for (const a of open) {
      for (const lang of PARTICIPANT_LANGS) {
        const loc = `${origin}/activities/${encodeURIComponent(a.ref)}?lang=${lang}`;
        expect(
          urls.filter((u) => u.loc === loc),
          loc,
        ).toHaveLength(1);
      }
    }
    expect(urls.filter((u) => u.loc.includes("/activities/"))).toHaveLength(
      open.length * PARTICIPANT_LANGS.length,
    );
    expect(new Set(urls.map((u) => u.loc)).size).toBe(urls.length);

    const heads = new Map<string, ReturnType<typeof parseHead>>();
    const headOf = async (url: string) => {
      if (!heads.has(url)) {
        const page = await get(url);
        expect(page.res.status, url).toBe(200);
        heads.set(url, parseHead(page.text));
      }
      return heads.get(url)!;
    };
    // Every page is the same route: the sitemap lists all of them (above), and the
    // pages checked are every catalog and organization page, every activity in
    // Finnish, and all languages of a fixed sample of activities (with their
    // alternates, that is every page of those). All 930 activity pages took
    // half of the suite's budget on a loaded 2-core machine.
    const sampled = new Set(
      [...open]
        .sort((a, b) => a.ref.localeCompare(b.ref))
        .filter((a, i) => i % 10 === 0 || a.ref === "act-hybrid")
        .map((a) => `/activities/${encodeURIComponent(a.ref)}?`),
    );
    const checked = urls.filter(
      (u) =>
        !u.loc.includes("/activities/") ||
        u.loc.endsWith("?lang=fi") ||
        [...sampled].some((prefix) => u.loc.includes(prefix)),
    );
    expect(checked.length).toBeGreaterThan(open.length);
    for (const u of checked) {
      const head = await headOf(u.loc);
      // The page names itself canonical, in the language its address names.
      expect(head.canonical, u.loc).toBe(u.loc);
      expect(head.lang, u.loc).toBe(new URL(u.loc).searchParams.get("lang"));
      // Its head lists the same alternates as the sitemap: the catalog and activities every
      // participant language, organization pages fi, sv and en; and x-default.
      expect(sortAlternates(head.alternates), u.loc).toEqual(sortAlternates(u.alternates));
      const languages = u.loc.includes("/organizations/") ? LANGS : PARTICIPANT_LANGS;
      expect(u.alternates.map((a) => a.hreflang).sort()).toEqual(
        [...languages, "x-default"].sort(),
      );
      // …and every alternate points back (hreflang must be reciprocal).
      const sampledPage =
        !u.loc.includes("/activities/") || [...sampled].some((prefix) => u.loc.includes(prefix));
      if (!sampledPage) continue;
      for (const alt of u.alternates) {
        const other = await headOf(alt.href);
        expect(sortAlternates(other.alternates), `${alt.href} from ${u.loc}`).toEqual(
          sortAlternates(u.alternates),
        );
      }
    }
  }, 600_000);

  it("leaves out paused and closed activities; their pages say so or are gone", async () => {
    const paused = getDb().select().from(activities).where(eq(activities.status, "paused")).get()!;
    const closed = getDb().select().from(activities).where(eq(activities.status, "closed")).get()!;
    const all = (await get("/sitemap/activities-1")).text;
    expect(all).not.toContain(`/activities/${paused.ref}?`);
    expect(all).not.toContain(`/activities/${closed.ref}?`);
    expect((await get(`/activities/${closed.ref}?lang=fi`)).res.status).toBe(404);
    expect((await get("/sitemap/activities-99")).res.status).toBe(404);
    expect((await get("/sitemap/nope")).res.status).toBe(404);
  });
});

describe("per-language addresses", () => {
  it("answer in the address's language whatever the cookie says, and the page cache keeps them apart", async () => {
    const path = "/activities/act-parikkala-kalaretki";
    const sv = await get(`${path}?lang=sv`, { Cookie: "luotsi_lang=fi", "Accept-Language": "fi" });
    expect(parseHead(sv.text).lang).toBe("sv");
    const fi = await get(`${path}?lang=fi`, { Cookie: "luotsi_lang=sv" });
    expect(parseHead(fi.text).lang).toBe("fi");
    const again = await get(`${path}?lang=sv`);
    expect(again.res.headers.get("x-cache")).toBe("hit");
    expect(parseHead(again.text).lang).toBe("sv");
    // The address without ?lang= is the x-default one: it follows cookie or browser.
    const neg = await get(path, { "Accept-Language": "en-GB,en;q=0.8" });
    expect(parseHead(neg.text).lang).toBe("en");
    expect(parseHead(neg.text).canonical).toBe(`${origin}${path}?lang=en`);
    expect(parseHead((await get(path, { Cookie: "luotsi_lang=sv" })).text).lang).toBe("sv");
  });

  it("sends Vary for what a page depends on, and none on resources that depend on neither", async () => {
    const vary = async (path: string) => (await get(path)).res.headers.get("vary") ?? "";
    const negotiated = await vary("/activities/act-parikkala-kalaretki");
    expect(negotiated).toMatch(/Cookie/);
    expect(negotiated).toMatch(/Accept-Language/);
    const addressed = await vary("/activities/act-parikkala-kalaretki?lang=fi");
    expect(addressed).toMatch(/Cookie/);
    expect(addressed).not.toMatch(/Accept-Language/);
    expect(await vary("/?lang=sv&_data=routes%2F_index")).toMatch(/Cookie/);
    for (const resource of [
      "/api/hsds/services",
      "/sitemap.xml",
      "/robots.txt",
      "/calendars/municipalities/Parikkala",
      "/activities/act-parikkala-kalaretki/ical",
      "/manifest.webmanifest",
    ]) {
      expect(await vary(resource), resource).not.toMatch(/Cookie|Accept-Language/);
    }
  });

  it("keeps the address's language on links and in the search form, and the switch moves to the other address", async () => {
    const page = await get("/?lang=sv");
    expect(page.text).toContain('<input type="hidden" name="lang" value="sv"/>');
    expect(page.text).toMatch(/href="\/activities\/[^"?]+\?lang=sv"/);
    const withFilter = parseHead((await get("/?lang=sv&q=kalastus")).text);
    expect(withFilter.meta("robots")).toEqual(["noindex, follow"]);
    expect(parseHead(page.text).meta("robots")).toEqual([]);
    const res = await fetch(`${app.url}/set-language`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({
        lang: "en",
        redirectTo: "/activities/act-parikkala-kalaretki?lang=sv",
      }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/activities/act-parikkala-kalaretki?lang=en");
  });
});

describe("what search engines and link previews read from an activity page", () => {
  const helsinki = (iso: string) => DateTime.fromISO(iso, { setZone: true });

  it("schema.org Event with the next meeting, full address, organizer URL and a free offer", async () => {
    let events = 0;
    const now = Date.now();
    for (const a of open) {
      const page = await get(`/activities/${encodeURIComponent(a.ref)}?lang=fi`);
      const [event] = parseHead(page.text).jsonLd;
      const schedule = a.schedule as WeeklyWindow[];
      if (schedule.length === 0) {
        expect(event, `${a.ref} has no date to give`).toBeUndefined();
        continue;
      }
      events++;
      const why = a.ref;
      expect(event, why).toMatchObject({ "@context": "https://schema.org", "@type": "Event" });
      expect(event!.name, why).toBe(a.title);
      // Next meeting, with an offset, in Helsinki time, on one of the weekly times.
      const start = helsinki(event!.startDate as string);
      const end = helsinki(event!.endDate as string);
      expect(event!.startDate, why).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00$/);
      expect(end > start, why).toBe(true);
      expect(end.toMillis(), why).toBeGreaterThan(now);
      expect(start.toMillis() - now, why).toBeLessThan(7 * 86400_000);
      const local = start.setZone("Europe/Helsinki");
      expect(
        schedule.some((w) => w.weekday === local.weekday && w.start === local.toFormat("HH:mm")),
        why,
      ).toBe(true);
      expect(local.offset).toBe(start.offset);
      // Where: a Place with a postal address, or a real online location.
      const threshold = a.threshold as Threshold;
      const locations = ([] as Record<string, unknown>[]).concat(
        event!.location as Record<string, unknown>,
      );
      for (const loc of locations) {
        if (loc["@type"] === "VirtualLocation") {
          expect(String(loc.url), why).toMatch(/^https?:\/\//);
          continue;
        }
        expect(loc["@type"], why).toBe("Place");
        const address = loc.address as Record<string, string>;
        expect(address["@type"]).toBe("PostalAddress");
        expect(address.addressCountry).toBe("FI");
        expect(address.addressLocality, why).toBeTruthy();
        expect(address.addressRegion, why).toBeTruthy();
        const code = /\b(\d{5})\b/.exec(a.address ?? "")?.[1];
        if (code) expect(address.postalCode, why).toBe(code);
        if (a.address) expect(address.streetAddress, why).toBeTruthy();
      }
      expect(
        locations.some((l) => l["@type"] === "VirtualLocation"),
        why,
      ).toBe(threshold.online === true);
      expect(event!.eventAttendanceMode, why).toBe(
        threshold.online
          ? a.address
            ? "https://schema.org/MixedEventAttendanceMode"
            : "https://schema.org/OnlineEventAttendanceMode"
          : "https://schema.org/OfflineEventAttendanceMode",
      );
      expect(event!.eventStatus).toBe("https://schema.org/EventScheduled");
      const organizer = event!.organizer as Record<string, string>;
      expect(organizer.name, why).toBeTruthy();
      expect(organizer.url, why).toMatch(/^https?:\/\//);
      if (threshold.free) {
        expect(event!.offers, why).toMatchObject({
          "@type": "Offer",
          price: 0,
          priceCurrency: "EUR",
          availability: expect.stringMatching(/^https:\/\/schema\.org\/(InStock|SoldOut)$/),
        });
      } else expect(event!.offers, why).toBeUndefined();
      expect(String((event!.image as string[])[0]), why).toMatch(/\/icons\/icon-512\.png$/);
    }
    expect(events).toBeGreaterThan(80);
    const hybrid = parseHead((await get("/activities/act-hybrid?lang=fi")).text).jsonLd[0]!;
    expect(hybrid.offers).toMatchObject({ availability: "https://schema.org/SoldOut" });
    expect(hybrid.location).toEqual([
      expect.objectContaining({
        "@type": "Place",
        address: expect.objectContaining({
          postalCode: "65100",
          streetAddress: "Kauppapuistikko 1",
        }),
      }),
      { "@type": "VirtualLocation", url: `${origin}/activities/act-hybrid?lang=fi` },
    ]);
  }, 300_000);

  it("a paused activity's event is postponed, and its organizer's page is public", async () => {
    const paused = getDb()
      .select()
      .from(activities)
      .where(eq(activities.status, "paused"))
      .all()
      .find((a) => (a.schedule as WeeklyWindow[]).length > 0)!;
    const head = parseHead((await get(`/activities/${paused.ref}?lang=fi`)).text);
    expect(head.jsonLd[0]!.eventStatus).toBe("https://schema.org/EventPostponed");
    const organizer = head.jsonLd[0]!.organizer as { url: string };
    const orgPage = await get(organizer.url);
    expect(orgPage.res.status).toBe(200);
    expect(parseHead(orgPage.text).jsonLd[0]).toMatchObject({ "@type": "Organization" });
  });

  it("Open Graph tags name the page, its canonical address, an image and the locales", async () => {
    const head = parseHead((await get("/activities/act-parikkala-kalaretki?lang=sv")).text);
    expect(head.meta("og:title")).toEqual(["Kalaretki Kirkkorantaan"]);
    expect(head.meta("og:url")).toEqual([`${origin}/activities/act-parikkala-kalaretki?lang=sv`]);
    expect(head.meta("og:image")).toEqual([`${origin}/icons/icon-512.png`]);
    expect(head.meta("og:locale")).toEqual(["sv_FI"]);
    expect(head.meta("og:locale:alternate").sort()).toEqual(
      ["ar_AR", "en_GB", "et_EE", "fi_FI", "ru_RU", "so_SO", "uk_UA"].sort(),
    );
    expect(head.meta("og:description")[0]!.length).toBeGreaterThan(40);
    expect(head.meta("twitter:card")).toEqual(["summary"]);
  });
});

describe("on a phone's home screen", () => {
  it("a web app manifest in the page's language, with icons that exist at the sizes it says", async () => {
    const head = parseHead((await get("/?lang=sv")).text);
    expect(head.manifest).toBe("/manifest.webmanifest?lang=sv");
    const { res, text } = await get(head.manifest!);
    expect(res.headers.get("content-type")).toContain("application/manifest+json");
    const manifest = JSON.parse(text);
    expect(manifest).toMatchObject({
      name: "Luotsi",
      short_name: "Luotsi",
      lang: "sv",
      start_url: "/?lang=sv",
      display: "standalone",
      theme_color: "#0b5c5a",
    });
    expect(manifest.icons.map((i: { purpose: string }) => i.purpose).sort()).toEqual([
      "any",
      "any",
      "maskable",
    ]);
    const icons = [...manifest.icons, { src: "/icons/apple-touch-icon.png", sizes: "180x180" }];
    for (const icon of icons) {
      const r = await fetch(`${app.url}${icon.src}`);
      expect(r.status, icon.src).toBe(200);
      expect(r.headers.get("content-type")).toBe("image/png");
      const { width, height } = pngSize(new Uint8Array(await r.arrayBuffer()));
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });
});

describe("open data and calendars over HTTP", () => {
  it("answers /api/hsds and /api/hsds/ alike, and 304 from the page cache on a matching ETag", async () => {
    const a = await get("/api/hsds");
    const b = await get("/api/hsds/");
    expect(a.res.status).toBe(200);
    expect(JSON.parse(a.text)).toEqual(JSON.parse(b.text));
    const first = await get("/api/hsds/services?per_page=3");
    const etag = first.res.headers.get("etag")!;
    // As a browser revalidates (fetch() would add "no-cache" itself, which Express honours).
    const hit = await get("/api/hsds/services?per_page=3", {
      "If-None-Match": etag,
      "Cache-Control": "max-age=0",
    });
    expect(hit.res.headers.get("x-cache")).toBe("hit");
    expect(hit.res.status).toBe(304);
    expect((await get("/api/hsds/nope")).res.status).toBe(404);
  });
});

describe("against independent validators", () => {
  it("the public pages are valid HTML by the W3C's Nu Html Checker, in Finnish and Swedish", async () => {
    const paused = getDb().select().from(activities).where(eq(activities.status, "paused")).get()!;
    const noTimes = open.find((a) => (a.schedule as WeeklyWindow[]).length === 0)!;
    const pages: Record<string, string> = {};
    for (const lang of ["fi", "sv"]) {
      for (const path of [
        `/?lang=${lang}`,
        `/activities/act-parikkala-kalaretki?lang=${lang}`,
        `/activities/act-hybrid?lang=${lang}`,
        `/activities/${paused.ref}?lang=${lang}`,
        `/activities/${noTimes.ref}?lang=${lang}`,
        `/organizations/org-saimaanvirta?lang=${lang}`,
      ]) {
        const { res, text } = await get(path);
        expect(res.status, path).toBe(200);
        pages[path] = text;
      }
    }
    expect(await validateHtml(pages)).toEqual([]);
  }, 120_000);
});
