import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { PageCache, readPublicContentVersion } from "#app/infra/page-cache.server.ts";
import { saveActivity } from "#app/modules/catalog/catalog.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import {
  activityFields,
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
  system,
} from "../factories/index.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

let build: ServerBuild;
let app: RunningApp;
let org: { id: number; ref: string };
let activity: { id: number; ref: string };

beforeAll(async () => {
  prepareDatabase();
  org = createOrganization();
  activity = createActivity(org.id, { title: "Kalastuskerho Alpha" });
  await ensureIndexes(getMeili()!);
  await drainOutbox();
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}${path}`, { headers });
  const body = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  return { res, body, nonce, hit: res.headers.get("x-cache") === "hit" };
}

function renameActivity(title: string) {
  getDb().transaction((tx) =>
    saveActivity(tx as never, system, {
      ref: activity.ref,
      organizationId: org.id,
      fields: activityFields({ title }),
    }),
  );
}

describe("page cache of anonymous public pages", () => {
  it("serves the second anonymous request from the cache, with that response's own nonce", async () => {
    const first = await get("/");
    expect(first.res.status).toBe(200);
    expect(first.body).toContain("Kalastuskerho Alpha");
    const second = await get("/");
    expect(second.hit).toBe(true);
    expect(second.nonce).toBeTruthy();
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.body).toContain(`nonce="${second.nonce}"`);
    expect(second.body).not.toContain(first.nonce!);
    // Everything else is the same page.
    expect(second.body.split(second.nonce!).join("N")).toBe(
      first.body.split(first.nonce!).join("N"),
    );
    expect(second.res.headers.get("content-type")).toContain("text/html");
  });

  it("caches activity pages and Remix data requests too", async () => {
    await get(`/activities/${activity.ref}`);
    expect((await get(`/activities/${activity.ref}`)).hit).toBe(true);
    const data = `/?_data=routes%2F_index`;
    const a = await get(data);
    expect(a.res.headers.get("content-type")).toContain("application/json");
    const b = await get(data);
    expect(b.hit).toBe(true);
    expect(JSON.parse(b.body)).toEqual(JSON.parse(a.body));
  });

  it("shows a change at once: the write moves the key, and so does the drain that follows", async () => {
    await get("/");
    renameActivity("Kalastuskerho Beta");
    const beforeDrain = await get(`/activities/${activity.ref}`);
    expect(beforeDrain.hit).toBe(false);
    expect(beforeDrain.body).toContain("Kalastuskerho Beta");
    await drainOutbox();
    const afterDrain = await get("/?q=Beta");
    expect(afterDrain.hit).toBe(false);
    expect(afterDrain.body).toContain("Kalastuskerho Beta");
    const home = await get("/");
    expect(home.body).toContain("Kalastuskerho Beta");
    expect(home.body).not.toContain("Kalastuskerho Alpha");
  });

  it("keeps languages apart", async () => {
    await get("/", { "Accept-Language": "fi" });
    const sv = await get("/", { Cookie: "luotsi_lang=sv" });
    expect(sv.body).toContain('lang="sv"');
    const en = await get("/", { "Accept-Language": "en-GB,en;q=0.9" });
    expect(en.body).toContain('lang="en"');
    expect((await get("/", { Cookie: "luotsi_lang=sv" })).hit).toBe(true);
  });

  it("keys a page by the remembered place: never serves one visitor's nearby order to another", async () => {
    // A place search remembers the place (Set-Cookie: not stored in the cache).
    const search = await get("/?q=Parikkala");
    expect(search.res.headers.get("set-cookie")).toContain("luotsi_place=Parikkala");
    expect(search.hit).toBe(false);
    const plain = await get("/");
    expect(plain.body).not.toContain("edellinen haku");
    const near = await get("/", { Cookie: "luotsi_place=Parikkala" });
    expect(near.hit).toBe(false);
    expect(near.body).toContain("Lähimmät ensin: Parikkala (edellinen haku)");
    expect((await get("/", { Cookie: "luotsi_place=Parikkala" })).hit).toBe(true);
    const other = await get("/", { Cookie: "luotsi_place=Vaasa" });
    expect(other.hit).toBe(false);
    expect(other.body).toContain("Lähimmät ensin: Vaasa (edellinen haku)");
    const again = await get("/");
    expect(again.hit).toBe(true);
    expect(again.body).not.toContain("edellinen haku");
    // Forgetting it clears the cookie.
    const forget = await get("/?forget=1", { Cookie: "luotsi_place=Parikkala" });
    expect(forget.res.headers.get("set-cookie")).toContain("Max-Age=0");
    expect(forget.body).not.toContain("edellinen haku");
  });

  it("keeps plain language and the participant languages apart from the standard ones (issue #16)", async () => {
    const fi = await get("/", { Cookie: "luotsi_lang=fi" });
    const plain = await get("/", { Cookie: "luotsi_lang=fi-x-selko" });
    // Plain Finnish is Finnish, but not the same page.
    expect(plain.body).toContain('lang="fi"');
    expect(plain.hit).toBe(false);
    expect(plain.body).not.toBe(fi.body.split(fi.nonce!).join(plain.nonce!));
    expect((await get("/", { Cookie: "luotsi_lang=fi-x-selko" })).hit).toBe(true);
    const ar = await get("/?lang=ar");
    expect(ar.body).toContain('dir="rtl"');
    expect((await get("/", { Cookie: "luotsi_lang=ar" })).body).toContain('dir="rtl"');
  });

  it("never serves or stores a signed-in response", async () => {
    const worker = await createUser("worker", org.id);
    const req = await signedInRequest(worker.id, `${app.url}/`);
    const cookie = req.headers.get("Cookie")!;
    await get("/");
    const signedIn = await get("/", { Cookie: cookie });
    expect(signedIn.hit).toBe(false);
    expect(signedIn.body).toContain(worker.displayName);
    const again = await get("/", { Cookie: cookie });
    expect(again.hit).toBe(false);
    // A stale or forged session cookie bypasses the cache as well.
    expect((await get("/", { Cookie: `${SESSION_COOKIE}=nonsense` })).hit).toBe(false);
    // And the anonymous copy never shows the worker's name.
    const anonymous = await get("/");
    expect(anonymous.body).not.toContain(worker.displayName);
  });

  it("does not cache errors", async () => {
    await get("/activities/no-such-activity");
    expect((await get("/activities/no-such-activity")).hit).toBe(false);
    await get("/?page=-1");
    expect((await get("/?page=-1")).hit).toBe(false);
  });
});

describe("PageCache", () => {
  it("expires entries after the TTL and evicts the least recently used", () => {
    let now = 0;
    const cache = new PageCache(2, 1000, () => now);
    const page = { status: 200, headers: [], body: "x", nonce: "" };
    cache.set("a", page);
    cache.set("b", page);
    expect(cache.get("a")).toBeDefined();
    cache.set("c", page);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    now = 1001;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it("has a content version that moves on every index-relevant write and on every drain", async () => {
    const v0 = readPublicContentVersion();
    renameActivity("Kalastuskerho Gamma");
    const v1 = readPublicContentVersion();
    expect(v1).not.toBe(v0);
    await drainOutbox();
    const v2 = readPublicContentVersion();
    expect(v2).not.toBe(v1);
    expect(v2).not.toBe(v0);
  });
});
