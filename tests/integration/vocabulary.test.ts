import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, interestConcepts, interestTerms, participants, pilots } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili, indexUid } from "#app/infra/meili.server.ts";
import { searchCatalogInIndex } from "#app/modules/catalog/activity-search.server.ts";
import { saveParticipant } from "#app/modules/participants/participants.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import {
  action as conceptAction,
  loader as conceptLoader,
} from "#app/routes/admin.vocabulary.$key.tsx";
import { loader as listLoader } from "#app/routes/admin.vocabulary._index.tsx";
import { action as newAction } from "#app/routes/admin.vocabulary.new.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createPilot,
  createUser,
  prepareDatabase,
  signedInRequest,
  system,
} from "../factories/index.ts";

type User = Awaited<ReturnType<typeof createUser>>;
type Args = LoaderFunctionArgs;

async function run(
  fn: (args: Args) => unknown,
  request: Request,
  params: Record<string, string> = {},
) {
  try {
    const out = await fn({ request, params, context: {} });
    return out instanceof Response ? out : Response.json(out);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

async function post(
  user: User,
  path: string,
  fields: Record<string, string>,
  fn: (a: Args) => unknown,
  params = {},
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return run(
    fn,
    await signedInRequest(user.id, `${BASE}${path}`, { method: "POST", body }),
    params,
  );
}

const vocabularySize = () =>
  [interestConcepts, interestTerms].map(
    (t) =>
      getDb()
        .select({ n: sql<number>`count(*)` })
        .from(t)
        .get()!.n,
  );

const keysOf = (ref: string) =>
  getDb().select().from(participants).where(eq(participants.ref, ref)).get()!.interestKeys;

let admin: User;
let worker: User;
let kyykka: { id: number; ref: string };
let pilot: { id: number; ref: string };

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
  const org = createOrganization();
  admin = await createUser("admin", null);
  worker = await createUser("worker", org.id);
  kyykka = createActivity(org.id, {
    title: "Pihapelit",
    description: "Pelataan ulkona.",
    plainDescription: "Pelaamme ulkona yhdessä.",
    interests: ["kyykkä"],
    kind: "sport",
  });
  pilot = createPilot(org.id, { interests: ["kyykkä"], bio: "Pelaan mielelläni." });
  const tx = getDb();
  saveParticipant(tx, system, {
    ref: "p-voc-1",
    organizationId: org.id,
    fields: {
      municipality: "Parikkala",
      gender: "unknown",
      languages: ["fi"],
      interests: [],
      interestText: "Heitti ennen kyykkää kylän pojilla, tykkää pilkkiä.",
    },
  });
  await drainOutbox();
});

describe("the coordinator edits the interest vocabulary", () => {
  it("is for admins only", async () => {
    expect(
      (await run(listLoader, await signedInRequest(admin.id, `${BASE}/admin/vocabulary`))).status,
    ).toBe(200);
    expect(
      (await run(listLoader, await signedInRequest(worker.id, `${BASE}/admin/vocabulary`))).status,
    ).toBe(403);
    expect(
      (
        await post(
          worker,
          "/admin/vocabulary/fishing",
          { intent: "save", labelFi: "x", labelSv: "x", labelEn: "x" },
          conceptAction,
          { key: "fishing" },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await run(conceptLoader, await signedInRequest(admin.id, `${BASE}/admin/vocabulary/nope`), {
          key: "nope",
        })
      ).status,
    ).toBe(404);
  });

  it("adds a new entry; participants, activities, pilots and search follow", async () => {
    expect(keysOf("p-voc-1")).not.toContain("kyykka");
    const res = await post(
      admin,
      "/admin/vocabulary/new",
      {
        intent: "save",
        key: "kyykka",
        labelFi: "kyykkä",
        labelSv: "kyykkä",
        labelEn: "Finnish skittles",
        broader: "sport-exercise",
        terms: "kyykänheitto\nkyykkäpeli",
      },
      newAction,
    );
    expect(res.status).toBe(302);
    expect(keysOf("p-voc-1")).toContain("kyykka");
    const activity = getDb().select().from(activities).where(eq(activities.id, kyykka.id)).get()!;
    expect(activity.interestKeys).toContain("kyykka");
    // Recomputed from all of the activity's fields: the plain description stays searchable.
    expect(activity.searchText).toContain("pelaamme ulkona yhdessä");
    const p = getDb().select().from(pilots).where(eq(pilots.id, pilot.id)).get()!;
    expect(p.interestKeys).toContain("kyykka");
    await drainOutbox();
    const hits = await searchCatalogInIndex({ q: "kyykänheitto", page: 1, pageSize: 20 });
    expect(hits.hits.map((h) => h.ref)).toContain(kyykka.ref);
    const synonyms = await getMeili()!.index(indexUid("activities")).getSynonyms();
    expect(synonyms["kyykänheitto"]).toContain("kyykkä");
  });

  it("edits labels and terms; a word that now means something else is re-pointed", async () => {
    const res = await post(
      admin,
      "/admin/vocabulary/kyykka",
      {
        intent: "save",
        labelFi: "kyykkä",
        labelSv: "kyykkä (kastspel)",
        labelEn: "kyykkä",
        broader: "sport-exercise",
        terms: "kyykänheitto\nmölkky",
      },
      conceptAction,
      { key: "kyykka" },
    );
    expect(res.status).toBe(302);
    const entry = getDb()
      .select()
      .from(interestConcepts)
      .where(eq(interestConcepts.key, "kyykka"))
      .get()!;
    expect(entry.labelSv).toBe("kyykkä (kastspel)");
    const terms = getDb()
      .select()
      .from(interestTerms)
      .where(eq(interestTerms.conceptId, entry.id))
      .all();
    expect(terms.map((t) => t.term).sort()).toEqual(["kyykänheitto", "mölkky"]);
  });

  it("merges two entries: terms move, stored keys are re-pointed, the source is gone", async () => {
    expect(keysOf("p-voc-1")).toContain("ice-fishing");
    const res = await post(
      admin,
      "/admin/vocabulary/ice-fishing",
      { intent: "merge", into: "fishing" },
      conceptAction,
      {
        key: "ice-fishing",
      },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("/admin/vocabulary/fishing?merged=ice-fishing");
    expect(
      getDb().select().from(interestConcepts).where(eq(interestConcepts.key, "ice-fishing")).get(),
    ).toBeUndefined();
    const keys = keysOf("p-voc-1");
    expect(keys).not.toContain("ice-fishing");
    expect(keys).toContain("fishing");
    const fishing = getDb()
      .select()
      .from(interestConcepts)
      .where(eq(interestConcepts.key, "fishing"))
      .get()!;
    const terms = getDb()
      .select()
      .from(interestTerms)
      .where(eq(interestTerms.conceptId, fishing.id))
      .all()
      .map((t) => t.term);
    expect(terms).toEqual(
      expect.arrayContaining(["pilkkiminen", "pimpelfiske", "ice fishing", "pilkki"]),
    );
    const stale = getDb()
      .$client.prepare(
        `select count(*) from (select 1 from activities, json_each(activities.interest_keys) j where j.value = 'ice-fishing'
           union all select 1 from pilots, json_each(pilots.interest_keys) j where j.value = 'ice-fishing'
           union all select 1 from participants, json_each(participants.interest_keys) j where j.value = 'ice-fishing')`,
      )
      .pluck()
      .get();
    expect(stale).toBe(0);
  });

  it.each([
    [
      "/admin/vocabulary/new",
      { intent: "save", key: "Bad Key!", labelFi: "a", labelSv: "a", labelEn: "a" },
      "key",
    ],
    [
      "/admin/vocabulary/new",
      { intent: "save", key: "fishing", labelFi: "a", labelSv: "a", labelEn: "a" },
      "key",
    ],
    [
      "/admin/vocabulary/new",
      { intent: "save", key: "new-one", labelFi: "", labelSv: "a", labelEn: "a" },
      "labelFi",
    ],
    [
      "/admin/vocabulary/new",
      { intent: "save", key: "new-one", labelFi: "a", labelSv: "a", labelEn: "a", terms: "fiske" },
      "terms",
    ],
    [
      "/admin/vocabulary/new",
      {
        intent: "save",
        key: "new-one",
        labelFi: "a",
        labelSv: "a",
        labelEn: "a",
        broader: "fishing",
      },
      "broader",
    ],
    [
      "/admin/vocabulary/kyykka",
      { intent: "save", labelFi: "kyykkä", labelSv: "", labelEn: "x" },
      "labelSv",
    ],
    ["/admin/vocabulary/kyykka", { intent: "merge", into: "" }, "into"],
    ["/admin/vocabulary/kyykka", { intent: "merge", into: "kyykka" }, "into"],
    ["/admin/vocabulary/kyykka", { intent: "merge", into: "no-such-entry" }, "into"],
    ["/admin/vocabulary/kyykka", { intent: "merge", into: "nature-outdoors" }, "into"],
  ])("refuses bad input on %s (%j) with 400 and changes nothing", async (path, fields, field) => {
    const before = vocabularySize();
    const keysBefore = keysOf("p-voc-1");
    const fn = path.endsWith("/new") ? newAction : conceptAction;
    const res = await post(admin, path, fields as Record<string, string>, fn, {
      key: path.split("/").pop()!,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string> };
    expect(Object.keys(body.fieldErrors)).toContain(field);
    expect(vocabularySize()).toEqual(before);
    expect(keysOf("p-voc-1")).toEqual(keysBefore);
  });
});
