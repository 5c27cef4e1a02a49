import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleFor, routePath } from "#app/authorization-matrix.ts";
import { SESSION_COOKIE } from "#app/infra/auth.server.ts";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { FORM_BODY_LIMIT } from "#app/infra/form-body.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { safeRedirect } from "#app/modules/auth/auth-schema.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import {
  TEST_PASSWORD,
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
} from "../factories/index.ts";
import { listRouteFiles } from "./authorization-matrix-seed.ts";
import { cookieOf, rawRequest } from "./http-client.ts";
import { REDIRECT_CORPUS } from "./redirect-corpus.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

/**
 * The request-parsing layer and the redirects, through the real server:
 * every form action answers a body that is not a readable form with
 * 400/415 (never 500), a body over 1 MB with 413, and no redirect target
 * from a corpus of known bypasses leaves the site.
 */
let build: ServerBuild;
let app: RunningApp;
let activityRef: string;
let workerEmail: string;

beforeAll(async () => {
  process.env.LOGIN_LIMIT_PER_IP = "100000";
  resetEnvCache();
  prepareDatabase();
  const org = createOrganization();
  activityRef = createActivity(org.id, { title: "Isäntäryhmä" }).ref;
  workerEmail = (await createUser("worker", org.id)).email;
  await ensureIndexes(getMeili()!);
  await drainOutbox();
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
  delete process.env.LOGIN_LIMIT_PER_IP;
  resetEnvCache();
});

const post = (path: string, headers: Record<string, string>, body?: string, chunked = false) =>
  rawRequest(app.url, {
    method: "POST",
    path,
    headers: { Origin: app.url, ...headers },
    body,
    chunked,
  });

/** Every form action of the matrix, with records that do not exist (the layer answers first). */
const actionPaths = listRouteFiles()
  .filter((f) => ruleFor(f)?.write?.length)
  .map((f) => {
    const params = Object.fromEntries(
      Object.keys(ruleFor(f)!.params ?? {}).map((k) => [k, "no-such-ref"]),
    );
    return routePath(f, params);
  });

const BOUNDARY = "----luotsi-test-boundary";
const WRONG_BODIES: [string, Record<string, string>, string, number][] = [
  ["JSON", { "Content-Type": "application/json" }, '{"lang":"sv"}', 415],
  ["text/plain", { "Content-Type": "text/plain" }, "lang=sv", 415],
  ["XML", { "Content-Type": "application/xml" }, "<lang>sv</lang>", 415],
  ["no content type with a body", {}, "lang=sv", 415],
  ["multipart without a boundary", { "Content-Type": "multipart/form-data" }, "lang=sv", 400],
  [
    "multipart with garbage",
    { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    "this is not multipart at all",
    400,
  ],
  [
    "truncated multipart",
    { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="lang"\r\n\r\nsv\r\n--${BOUNDARY}\r\nContent-Disposition: form-da`,
    400,
  ],
  [
    "multipart with a part without headers",
    { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    `--${BOUNDARY}\r\n\r\nsv\r\n--${BOUNDARY}--\r\n`,
    400,
  ],
];

describe("the request-parsing layer, through the real server", () => {
  it("has form actions to check", () => {
    expect(actionPaths).toContain("/login");
    expect(actionPaths).toContain("/set-language");
    expect(actionPaths.length).toBeGreaterThan(20);
  });

  it.each(WRONG_BODIES)(
    "answers %s on every form action with a clear 4xx, never a 500",
    async (_what, headers, body, status) => {
      const answers = await Promise.all(actionPaths.map((p) => post(p, headers, body)));
      answers.forEach((res, i) => {
        const why = `${actionPaths[i]}: ${res.status} ${res.body.slice(0, 200)}`;
        expect(res.status, why).toBe(status);
        expect(res.headers["content-type"], why).toMatch(/^text\/plain/);
        expect(res.body, why).not.toMatch(/at .*\.(js|ts):\d+/);
      });
    },
  );

  it("answers in the user's language", async () => {
    const sv = await post(
      "/set-language",
      { "Content-Type": "application/json", "Accept-Language": "sv" },
      "{}",
    );
    expect(sv.status).toBe(415);
    expect(sv.body).toContain("formulär");
  });

  it("lets forms through, urlencoded and multipart alike, and a bare POST as an empty form", async () => {
    const urlencoded = await post(
      "/set-language",
      { "Content-Type": "application/x-www-form-urlencoded" },
      "lang=sv&redirectTo=%2Fprivacy",
    );
    expect(urlencoded.status).toBe(302);
    expect(urlencoded.location).toBe("/privacy");
    const multipart = await post(
      "/set-language",
      { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="lang"\r\n\r\nen\r\n--${BOUNDARY}--\r\n`,
    );
    expect(multipart.status).toBe(302);
    expect(cookieOf(multipart.headers["set-cookie"], "luotsi_lang")).toBe("luotsi_lang=en");
    const bare = await post("/logout", {});
    expect(bare.status).toBe(302);
  });

  it("refuses a body over 1 MB with 413, declared or streamed, and takes one at the limit", async () => {
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const atLimit = "lang=sv&x=" + "a".repeat(FORM_BODY_LIMIT - "lang=sv&x=".length);
    expect(Buffer.byteLength(atLimit)).toBe(FORM_BODY_LIMIT);
    expect((await post("/set-language", form, atLimit)).status).toBe(302);
    const over = `${atLimit}a`;
    const declared = await post("/set-language", form, over);
    expect(declared.status).toBe(413);
    expect(declared.body).toContain("1 M");
    const streamed = await post("/set-language", form, "lang=sv&x=" + "a".repeat(3_000_000), true);
    expect(streamed.status).toBe(413);
    // The server is fine afterwards.
    expect((await rawRequest(app.url, { path: "/healthz" })).status).toBe(200);
  });
});

/** Where a browser would go with this Location header, from the app's own page. */
function landsOn(location: string) {
  return new URL(location, `${app.url}/somewhere/page`).origin;
}

describe("redirect targets stay on this site", () => {
  it("safeRedirect keeps ordinary paths and refuses every bypass", () => {
    expect(safeRedirect("/activities/x?q=kalastus#top")).toBe("/activities/x?q=kalastus#top");
    expect(safeRedirect("/participants/p-1#shortlist", "/")).toBe("/participants/p-1#shortlist");
    for (const target of REDIRECT_CORPUS) {
      const to = safeRedirect(target, "/fallback");
      expect(to.startsWith("/") && !to.startsWith("//") && !to.startsWith("/\\"), target).toBe(
        true,
      );
      expect(new URL(to, "https://luotsi.example").origin, JSON.stringify(target)).toBe(
        "https://luotsi.example",
      );
    }
  });

  it.each(REDIRECT_CORPUS.map((t) => [JSON.stringify(t), t]))(
    "the language switch with %s: a same-site redirect or 400",
    async (_label, target) => {
      const res = await post(
        "/set-language",
        { "Content-Type": "application/x-www-form-urlencoded" },
        new URLSearchParams({ lang: "fi", redirectTo: target }).toString(),
      );
      expect([302, 400], res.body).toContain(res.status);
      if (res.status === 302) expect(landsOn(res.location!)).toBe(new URL(app.url).origin);
    },
  );

  it("a control character or newline in redirectTo is a 400, not a 500", async () => {
    for (const target of ["/\n/evil.example", "/x\r\nSet-Cookie: a=b", "/\t/evil.example"]) {
      const res = await post(
        "/set-language",
        { "Content-Type": "application/x-www-form-urlencoded" },
        new URLSearchParams({ lang: "fi", redirectTo: target }).toString(),
      );
      expect(res.status, JSON.stringify(target)).toBe(400);
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
  });

  it("sign-in never sends the user off the site, by form or by query", async () => {
    const signIn = async (redirectTo: string) =>
      post(
        "/login",
        { "Content-Type": "application/x-www-form-urlencoded" },
        new URLSearchParams({ email: workerEmail, password: TEST_PASSWORD, redirectTo }).toString(),
      );
    const ok = await signIn("/reports");
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/reports");
    const cookie = cookieOf(ok.headers["set-cookie"], SESSION_COOKIE)!;
    const results = await Promise.all(
      REDIRECT_CORPUS.map(async (target) => {
        const byForm = await signIn(target);
        const byQuery = await rawRequest(app.url, {
          path: `/login?redirectTo=${encodeURIComponent(target)}`,
          headers: { Cookie: cookie },
        });
        return { target, byForm, byQuery };
      }),
    );
    for (const { target, byForm, byQuery } of results) {
      const why = JSON.stringify(target);
      expect([302, 400], why).toContain(byForm.status);
      if (byForm.status === 302)
        expect(landsOn(byForm.location!), why).toBe(new URL(app.url).origin);
      expect(byQuery.status, why).toBe(302);
      expect(landsOn(byQuery.location!), why).toBe(new URL(app.url).origin);
    }
  });
});

describe("absolute URLs and the host name", () => {
  it("a made-up Host never reaches a page, and the cached copy others get is the same", async () => {
    const path = `/activities/${activityRef}`;
    const evil = await rawRequest(app.url, {
      path,
      headers: { Host: "evil.example", "X-Forwarded-Host": "evil2.example" },
    });
    expect(evil.status).toBe(200);
    expect(evil.body).not.toMatch(/evil2?\.example/);
    const next = await rawRequest(app.url, { path });
    expect(next.headers["x-cache"]).toBe("hit");
    expect(next.body).not.toMatch(/evil2?\.example/);
    expect(next.body).toContain(`http://localhost:`);
  });

  it("with PUBLIC_URL set, other host names get 421, /healthz answers on any", async () => {
    process.env.PUBLIC_URL = "https://luotsi.test";
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    const site = await startApp(build);
    try {
      const get = (path: string, headers: Record<string, string>) =>
        rawRequest(site.url, { path, headers });
      const wrong = await get("/", { Host: "evil.example" });
      expect(wrong.status).toBe(421);
      expect(wrong.body).toContain("osoitetta");
      const byAddress = await get("/", {});
      expect(byAddress.status).toBe(421);
      // A client's own X-Forwarded-Host, left of what our one proxy wrote, is not believed.
      const spoofed = await get("/", {
        Host: "127.0.0.1",
        "X-Forwarded-Host": "luotsi.test, evil.example",
      });
      expect(spoofed.status).toBe(421);
      const right = await get(`/activities/${activityRef}`, {
        Host: "internal:3000",
        "X-Forwarded-Host": "luotsi.test",
        "X-Forwarded-Proto": "https",
      });
      expect(right.status).toBe(200);
      expect(right.body).toContain("https://luotsi.test/activities/");
      const direct = await get("/", { Host: "luotsi.test" });
      expect(direct.status).toBe(200);
      for (const host of ["evil.example", "10.0.0.1:3000", "luotsi.test"]) {
        const health = await get("/healthz", { Host: host });
        expect(health.status, host).toBe(200);
      }
      // The Origin check compares with PUBLIC_URL.
      const crossSite = await rawRequest(site.url, {
        method: "POST",
        path: "/set-language",
        headers: {
          Host: "luotsi.test",
          Origin: "http://luotsi.test",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "lang=sv",
      });
      expect(crossSite.status).toBe(403);
    } finally {
      await site.close();
      delete process.env.PUBLIC_URL;
      delete process.env.TRUST_PROXY;
      resetEnvCache();
    }
  });
});
