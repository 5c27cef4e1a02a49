import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, organizations, participants, pilots } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { readPublicContentVersion } from "#app/infra/page-cache.server.ts";
import { saveOrganization } from "#app/modules/organizations/organizations.server.ts";
import { stableId } from "#app/modules/common/stable-ids.ts";
import { serviceId } from "#app/modules/open-data/hsds-map.server.ts";
import { loader } from "#app/routes/api.hsds.$.ts";
import { seedDemoData } from "../../scripts/lib/seed.ts";
import {
  BASE,
  createActivity,
  createOrganization,
  prepareDatabase,
  system,
} from "../factories/index.ts";
import { HSDS_PAGE_FIELDS, validateCompiled, validateHsds } from "../support/hsds-schemas.ts";

type Page = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Record<string, unknown>[];
};

async function api(path: string, headers: Record<string, string> = {}) {
  const url = new URL(`${BASE}/api/hsds/${path}`);
  const res = await loader({
    request: new Request(url, { headers }),
    params: { "*": url.pathname.replace(/^\/api\/hsds\/?/, "") },
    context: {},
  });
  const text = await res.text();
  return { res, text, body: text ? JSON.parse(text) : null };
}

/** GET and validate against the response schema HSDS's API reference gives `schemaPath`. */
async function valid(path: string, schemaPath: string) {
  const { res, body, text } = await api(path);
  expect(res.status, `${path}: ${text.slice(0, 300)}`).toBe(200);
  expect(validateHsds(schemaPath, body), path).toEqual([]);
  return body;
}

/** Every page of a list, each validated, with the page object's fields checked too. */
async function crawl(collection: string, query = "") {
  const items: Record<string, unknown>[] = [];
  let total = -1;
  for (let n = 1; ; n++) {
    const path = `${collection}?per_page=17&page=${n}${query}`;
    const page = (await valid(path, `/${collection}`)) as Page;
    for (const field of HSDS_PAGE_FIELDS)
      expect(page, `${path} has ${field}`).toHaveProperty(field);
    expect(page.page_number).toBe(n);
    expect(page.first_page).toBe(n === 1);
    expect(page.size).toBe(page.contents.length);
    if (total < 0) total = page.total_items;
    expect(page.total_items).toBe(total);
    expect(page.total_pages).toBe(Math.ceil(total / 17));
    items.push(...page.contents);
    if (page.last_page) break;
    expect(page.size).toBe(17);
  }
  expect(items).toHaveLength(total);
  expect(new Set(items.map((i) => i.id)).size, "no item on two pages").toBe(total);
  return items;
}

let openRefs: string[];
let secrets: string[];
const pausedRef = "act-hsds-paused";
const closedRef = "act-hsds-closed";

beforeAll(async () => {
  prepareDatabase();
  await seedDemoData();
  // Edge cases beside the demo data: no description (HSDS requires one), no street, online.
  const bare = createOrganization({ name: "Kuvaukseton ry", municipality: "Vaasa" });
  createActivity(bare.id, { ref: "act-hsds-bare", location: null, municipality: "Vaasa" });
  createActivity(bare.id, { ref: pausedRef, status: "paused" });
  createActivity(bare.id, { ref: closedRef, status: "closed" });
  const db = getDb();
  openRefs = db
    .select({ ref: activities.ref })
    .from(activities)
    .where(eq(activities.status, "open"))
    .all()
    .map((r) => r.ref);
  secrets = [
    ...db
      .select({ v: participants.ref })
      .from(participants)
      .all()
      .map((r) => r.v),
    ...db
      .select({ v: participants.interestText })
      .from(participants)
      .all()
      .map((r) => r.v ?? ""),
    ...db
      .select({ v: pilots.bio })
      .from(pilots)
      .all()
      .map((r) => r.v ?? ""),
    ...db
      .select({ v: pilots.ref })
      .from(pilots)
      .all()
      .map((r) => r.v),
  ].filter((s) => s.length > 8);
}, 120_000);

describe("HSDS 3.0 API on the demo data, validated with Open Referral's schemas", () => {
  it("/ names the HSDS version, the profile and the OpenAPI document", async () => {
    const meta = await valid("", "/");
    expect(meta).toEqual({
      version: "3.0",
      profile: expect.stringMatching(/^https:\/\//),
      openapi_url: "http://localhost:3000/api/hsds/openapi.json",
    });
    const doc = (await api("openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/", "/services", "/services/{id}", "/organizations/{id}"]),
    );
    expect(doc.servers[0].url).toBe("http://localhost:3000/api/hsds");
  });

  it("lists every open activity once as an active service, and only those", async () => {
    const services = await crawl("services");
    expect(services.map((s) => s.id).sort()).toEqual(openRefs.map(serviceId).sort());
    expect(new Set(services.map((s) => s.status))).toEqual(new Set(["active"]));
    const ids = services.map((s) => s.id);
    expect(ids).not.toContain(serviceId(pausedRef));
    expect(ids).not.toContain(serviceId(closedRef));
    // Ids are name-based UUIDs (version 5) of the refs: the same on every request and re-import.
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/);
    expect(serviceId("act-parikkala-kalaretki")).toBe(
      stableId("hsds-service", "act-parikkala-kalaretki"),
    );
  });

  it("serves each service fully nested, and lists them fully nested with full=true", async () => {
    const full = await crawl("services", "&full=true");
    for (const s of full) expect(validateCompiled("service", s), String(s.id)).toEqual([]);
    for (const ref of openRefs) {
      const s = await valid(`services/${serviceId(ref)}`, "/services/{id}");
      expect(s.id).toBe(serviceId(ref));
    }
    const fishing = await valid(
      `services/${serviceId("act-parikkala-kalaretki")}`,
      "/services/{id}",
    );
    expect(fishing).toMatchObject({
      name: "Kalaretki Kirkkorantaan",
      status: "active",
      minimum_age: 16,
      url: "http://localhost:3000/activities/act-parikkala-kalaretki",
      organization: { name: "SaimaanVirta ry" },
      // The association's own "how to join" and its public contact person, as on the page.
      application_process: expect.stringMatching(/^Tule suoraan Kirkkorannan parkkipaikalle/),
      contacts: [
        {
          name: "Sanna Virtanen",
          email: "sanna.virtanen@saimaanvirta.example",
          phones: [{ number: "040 123 4567" }],
        },
      ],
      cost_options: [{ amount: 0, currency: "EUR" }],
      schedules: [
        {
          freq: "WEEKLY",
          byday: "SA",
          opens_at: expect.stringMatching(/^09:00\+0[23]:00$/),
          closes_at: expect.stringMatching(/^13:00\+0[23]:00$/),
        },
      ],
      languages: [{ code: "fi", name: "suomi" }],
      service_at_locations: [
        {
          location: {
            location_type: "physical",
            latitude: 61.5478,
            longitude: 29.5062,
            addresses: [
              {
                address_1: "Kirkkorannantie 2",
                postal_code: "59100",
                city: "Parikkala",
                state_province: "Etelä-Karjala",
                country: "FI",
              },
            ],
          },
        },
      ],
    });
    const codes = (fishing.attributes as { taxonomy_term: { code: string } }[]).map(
      (a) => a.taxonomy_term.code,
    );
    expect(codes.sort()).toEqual(
      ["outing", "free", "substanceFree", "bringAFriend", "dropIn", "noRegistration"].sort(),
    );
    const minimal = (await valid("services?minimal=true&per_page=3", "/services")) as Page;
    expect(Object.keys(minimal.contents[0]!).sort()).toEqual(
      ["id", "last_modified", "name", "status"].sort(),
    );
  });

  it("serves service_at_locations, with virtual locations for online activities", async () => {
    const list = await crawl("service_at_locations");
    expect(list).toHaveLength(openRefs.length);
    for (const sal of await crawl("service_at_locations", "&full=true")) {
      expect(validateCompiled("service_at_location", sal)).toEqual([]);
    }
    for (const item of list) {
      const detail = await valid(`service_at_locations/${item.id}`, "/service_at_locations/{id}");
      expect(detail.service.id).toBe(item.service_id);
    }
    const online = await valid(
      `service_at_locations/${stableId("hsds-service-at-location", "act-rauma-verkkoryhma")}`,
      "/service_at_locations/{id}",
    );
    expect(online.location).toMatchObject({ location_type: "virtual", url: expect.any(String) });
    const bare = list.find((s) => s.service_id === serviceId("act-hsds-bare"))!;
    expect(bare.location).toMatchObject({
      location_type: "physical",
      name: "Vaasa",
      addresses: [{ address_1: "", postal_code: "", city: "Vaasa", state_province: "Pohjanmaa" }],
    });
  });

  it("lists the organizations with open activities, with a description even where none was written", async () => {
    const orgs = await crawl("organizations");
    const withOpen = new Set(
      getDb()
        .select({ ref: organizations.ref })
        .from(organizations)
        .innerJoin(activities, eq(activities.organizationId, organizations.id))
        .where(eq(activities.status, "open"))
        .all()
        .map((o) => stableId("hsds-organization", o.ref)),
    );
    expect(new Set(orgs.map((o) => o.id))).toEqual(withOpen);
    const bare = orgs.find((o) => o.name === "Kuvaukseton ry")!;
    expect(bare.description).toBe(
      "Kuvaukseton ry (Vaasa) julkaisee matalan kynnyksen toimintaa Luotsissa.",
    );
    for (const o of await crawl("organizations", "&full=true")) {
      expect(validateCompiled("organization", o)).toEqual([]);
    }
    for (const o of await crawl("organizations", "&full_service=true")) {
      expect(validateCompiled("organization", o)).toEqual([]);
    }
    let services = 0;
    for (const o of orgs) {
      const detail = await valid(`organizations/${o.id}`, "/organizations/{id}");
      services += detail.services.length;
      const full = await valid(`organizations/${o.id}?full_service=true`, "/organizations/{id}");
      expect(full.services.map((s: { id: string }) => s.id)).toEqual(
        detail.services.map((s: { id: string }) => s.id),
      );
    }
    expect(services).toBe(openRefs.length);
  });

  it("serves its own taxonomies for the low-threshold attributes and kinds", async () => {
    const taxonomies = await crawl("taxonomies");
    expect(taxonomies.map((t) => t.name)).toEqual([
      "Luotsi: matalan kynnyksen piirteet",
      "Luotsi: toimintamuodot",
    ]);
    for (const t of taxonomies) await valid(`taxonomies/${t.id}`, "/taxonomies/{id}");
    const terms = await crawl("taxonomy_terms");
    expect(terms).toHaveLength(8 + 9);
    for (const t of terms) await valid(`taxonomy_terms/${t.id}`, "/taxonomy_terms/{id}");
    const sv = (await valid(`taxonomy_terms?lang=sv&search=avgiftsfri`, "/taxonomy_terms")) as Page;
    expect(sv.contents.map((t) => t.name)).toEqual(["Avgiftsfri"]);
    const free = sv.contents[0]!;
    const onlyFree = await crawl("services", `&taxonomy_term_id=${free.id}`);
    expect(onlyFree.length).toBeGreaterThan(0);
    for (const s of onlyFree) {
      const detail = (await api(`services/${s.id}`)).body;
      expect(
        detail.attributes.map((a: { taxonomy_term_id: string }) => a.taxonomy_term_id),
      ).toContain(free.id);
    }
    const thresholdTaxonomy = taxonomies[0]!.id;
    const marked = await crawl("services", `&taxonomy_id=${thresholdTaxonomy}`);
    expect(marked.length).toBeGreaterThan(17);
    const inTaxonomy = (await api(`taxonomy_terms?taxonomy_id=${thresholdTaxonomy}`)).body as Page;
    expect(inTaxonomy.total_items).toBe(8);
  });

  it("filters by organization, postcode, proximity, search and modification time", async () => {
    const org = (await api("organizations?per_page=100")).body as Page;
    const saimaanvirta = org.contents.find((o) => o.name === "SaimaanVirta ry")!;
    const own = await crawl("services", `&organization_id=${saimaanvirta.id}`);
    expect(own.length).toBeGreaterThan(3);
    for (const s of own) expect(s.organization_id).toBe(saimaanvirta.id);
    const parikkala = await crawl("service_at_locations", "&postcode=59100");
    expect(parikkala.length).toBeGreaterThan(0);
    const near = await crawl("service_at_locations", "&postcode=59100&proximity=60000");
    expect(near.length).toBeGreaterThan(parikkala.length);
    const fishing = await crawl("services", "&search=kalaretki");
    expect(fishing.map((s) => s.name)).toContain("Kalaretki Kirkkorantaan");
    expect(await crawl("services", "&modified_after=2999-01-01")).toEqual([]);
    expect((await crawl("services", "&modified_after=2000-01-01T00:00:00Z")).length).toBe(
      openRefs.length,
    );
    const unknownOrg = (await api(`services?organization_id=${stableId("nope")}`)).body as Page;
    expect(unknownOrg).toMatchObject({ total_items: 0, empty: true, size: 0, contents: [] });
  });
});

describe("HSDS API answers", () => {
  it("400 with the reason for a bad query parameter", async () => {
    for (const bad of [
      "services?per_page=0",
      "services?per_page=101",
      "services?page=abc",
      "services?page=1&page=2",
      "services?colour=blue",
      "services?taxonomy_term_id=free",
      "services?format=xml",
      "services?full=yes",
      "service_at_locations?proximity=1000",
      "service_at_locations?postcode=123",
      "organizations?minimal=true",
      "taxonomy_terms?top_only=1",
      `services/${serviceId("act-parikkala-kalaretki")}?full=true`,
    ]) {
      const { res, body } = await api(bad);
      expect(res.status, bad).toBe(400);
      expect(res.headers.get("Content-Type"), bad).toContain("application/json");
      expect(body.error, bad).toBe("bad_request");
      expect(Object.keys(body.fieldErrors).length, bad).toBeGreaterThan(0);
    }
  });

  it("404 as JSON for unknown ids and paths, paused and closed activities included", async () => {
    for (const missing of [
      `services/${stableId("nothing")}`,
      `services/${serviceId(pausedRef)}`,
      `services/${serviceId(closedRef)}`,
      `service_at_locations/${serviceId("act-parikkala-kalaretki")}`,
      `organizations/${serviceId("act-parikkala-kalaretki")}`,
      `taxonomies/${stableId("nothing")}`,
      `taxonomy_terms/${stableId("nothing")}`,
      "services/not-a-uuid",
      "services/x/y",
      "locations",
      "nope",
    ]) {
      const { res, body } = await api(missing);
      expect(res.status, missing).toBe(404);
      expect(body.error, missing).toBe("not_found");
    }
  });

  it("moves the public content version when an organization's public details change", async () => {
    const org = getDb()
      .select()
      .from(organizations)
      .where(eq(organizations.ref, "org-saimaanvirta"))
      .get()!;
    const before = readPublicContentVersion();
    getDb().transaction((tx) =>
      saveOrganization(tx as never, system, {
        ref: org.ref,
        fields: { name: org.name, municipality: org.municipality, description: "Uusi kuvaus." },
      }),
    );
    expect(readPublicContentVersion()).not.toBe(before);
    const detail = (await api(`organizations/${stableId("hsds-organization", org.ref)}`)).body;
    expect(detail.description).toBe("Uusi kuvaus.");
  });

  it("is cacheable: a strong ETag, 304 on a match, open to other sites (CORS)", async () => {
    const first = await api("services?per_page=5");
    const etag = first.res.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.res.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(first.res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const again = await api("services?per_page=5", { "If-None-Match": etag });
    expect(again.res.status).toBe(304);
    expect(again.text).toBe("");
  });

  it("reads a list in a fixed number of queries, whatever the page size (no N+1)", async () => {
    const client = getDb().$client;
    const prepare = client.prepare.bind(client);
    const counts: number[] = [];
    for (const path of [
      "services?per_page=2&full=true",
      "services?per_page=100&full=true",
      "service_at_locations?per_page=100&full=true",
      "organizations?per_page=100&full_service=true",
    ]) {
      let n = 0;
      client.prepare = ((sql: string) => {
        n++;
        return prepare(sql);
      }) as typeof client.prepare;
      try {
        expect((await api(path)).res.status).toBe(200);
      } finally {
        client.prepare = prepare;
      }
      counts.push(n);
    }
    expect(counts[0]).toBe(counts[1]);
    for (const n of counts) expect(n).toBeLessThanOrEqual(3);
  });

  it("carries public data only: no participant or pilot ever appears", async () => {
    const everything = [
      (await api("services?per_page=100&full=true")).text,
      (await api("services?per_page=100&page=2&full=true")).text,
      (await api("service_at_locations?per_page=100&full=true")).text,
      (await api("organizations?per_page=100&full_service=true")).text,
    ].join("\n");
    expect(secrets.length).toBeGreaterThan(50);
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/@luotsi\.example/);
  });
});
