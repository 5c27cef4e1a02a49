import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { InterestMatcher } from "#app/modules/interests/normalize.ts";
import type { ParticipantFields } from "#app/modules/participants/participant-schema.ts";
import { saveParticipant } from "#app/modules/participants/participants.server.ts";
import {
  computeNeedTable,
  draftActivityFromNeed,
  needsCsv,
  needsViewFor,
  shownValue,
} from "#app/modules/needs/needs.server.ts";
import {
  ALL,
  hiddenNeedCells,
  needCellKey,
  needCells,
  parentRowOf,
  SMALL_NEED,
  type InterestStatus,
  type PersonNeeds,
} from "#app/modules/needs/unmet-interests.ts";
import { createStaffActivity } from "#app/modules/staff/staff-activities.server.ts";
import * as needsPage from "#app/routes/needs._index.tsx";
import * as needsDownload from "#app/routes/needs.download.tsx";
import * as newActivityPage from "#app/routes/staff.activities.new.tsx";
import {
  activityFields,
  BASE,
  callRoute,
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
  system,
} from "../factories/index.ts";

/**
 * Unmet interests (issue #17) on a fixture counted by hand, who sees which
 * municipalities, the form opened from a cell, the workers' notification,
 * and a property test that no shown number or difference of shown numbers
 * is a group of 1–4 people.
 */

const TUESDAY_EVENING = [{ weekday: 2, start: "16:00", end: "20:00" }];
const WEDNESDAY = [{ weekday: 3, start: "10:00", end: "14:00" }];

let providerOrg: { id: number; ref: string };
let ouluOrg: { id: number; ref: string };
let workerOrg: { id: number; ref: string };
let staff: Awaited<ReturnType<typeof createUser>>;
let ouluStaff: Awaited<ReturnType<typeof createUser>>;
let worker: Awaited<ReturnType<typeof createUser>>;
let otherWorker: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let counter = 0;

function addParticipant(fields: Partial<ParticipantFields>, responsibleWorkerId?: string) {
  const ref = `need-${++counter}`;
  const r = saveParticipant(getDb(), system, {
    ref,
    organizationId: workerOrg.id,
    fields: {
      municipality: "Helsinki",
      gender: "unknown",
      languages: ["fi"],
      interests: [],
      schedule: [],
      ...fields,
    } as ParticipantFields,
    extra: responsibleWorkerId ? { responsibleWorkerId } : undefined,
  });
  expect(r.created).toBe(true);
  return ref;
}

beforeAll(async () => {
  prepareDatabase();
  providerOrg = createOrganization({ municipality: "Helsinki" });
  ouluOrg = createOrganization({ municipality: "Oulu" });
  workerOrg = createOrganization({ municipality: "Helsinki" });
  staff = await createUser("staff", providerOrg.id);
  ouluStaff = await createUser("staff", ouluOrg.id);
  worker = await createUser("worker", workerOrg.id);
  otherWorker = await createUser("worker", workerOrg.id);
  admin = await createUser("admin", null);
  // Helsinki: knitting fits; Oulu: the only gym is full, and nothing for fishing anywhere.
  createActivity(providerOrg.id, {
    title: "Neulekahvila",
    description: "Neulotaan yhdessä.",
    interests: ["neulonta"],
    municipality: "Helsinki",
    capacity: 10,
    enrolled: 2,
  });
  createActivity(providerOrg.id, {
    title: "Kuntosalivuoro",
    description: "Salitreeniä ohjaajan kanssa.",
    interests: ["kuntosali"],
    municipality: "Oulu",
    capacity: 8,
    enrolled: 8,
  });
  createActivity(ouluOrg.id, {
    title: "Pyöräretket",
    description: "Pyöräillään.",
    interests: ["pyöräily"],
    municipality: "Oulu",
    status: "paused",
  });
  // 6 Helsinki fishers (3 the worker's own, 3 unassigned), 5 of them free on Tuesday evenings.
  for (let i = 0; i < 6; i++)
    addParticipant(
      { interests: ["kalastus"], schedule: i < 5 ? TUESDAY_EVENING : WEDNESDAY },
      i < 3 ? worker.id : undefined,
    );
  // One more fisher in Helsinki who also knits (knitting fits them).
  addParticipant({ interests: ["kalastus", "neulonta"], schedule: WEDNESDAY }, worker.id);
  // 3 Helsinki knitters: their interest is met.
  for (let i = 0; i < 3; i++) addParticipant({ interests: ["neulonta"] });
  // 5 Oulu gym-goers: the fitting gym is full.
  for (let i = 0; i < 5; i++) addParticipant({ municipality: "Oulu", interests: ["kuntosali"] });
  // 2 Oulu fishers: unmet, but only two.
  for (let i = 0; i < 2; i++) addParticipant({ municipality: "Oulu", interests: ["kalastus"] });
});

describe("the unmet-interests table on a hand-counted fixture", () => {
  it("counts unmet and full interests by municipality and interest, and hides what must be hidden", () => {
    const table = computeNeedTable();
    const v = (m: string, row: string, measure: "unmet" | "full") =>
      shownValue(table, needCellKey(m, row, measure));
    const size = (m: string, row: string, measure: "unmet" | "full") =>
      table.cells.get(needCellKey(m, row, measure))?.size ?? 0;
    // The raw counts, by hand.
    expect(size("Helsinki", "k:fishing", "unmet")).toBe(7);
    expect(size("Helsinki", "g:nature-outdoors", "unmet")).toBe(7);
    expect(size("Helsinki", ALL, "unmet")).toBe(7);
    expect(size("Helsinki", ALL, "full")).toBe(0);
    expect(size("Helsinki", "k:knitting", "unmet")).toBe(0);
    expect(size("Oulu", "k:gym", "full")).toBe(5);
    expect(size("Oulu", "k:fishing", "unmet")).toBe(2);
    expect(size(ALL, "k:fishing", "unmet")).toBe(9);
    expect(size(ALL, ALL, "full")).toBe(5);
    // Shown: the Helsinki fishers and the Oulu gym; hidden: Oulu's two fishers, and
    // every all-municipality total they are part of (9 − 7 would give them away).
    expect(v("Helsinki", "k:fishing", "unmet")).toBe(7);
    expect(v("Helsinki", ALL, "unmet")).toBe(7);
    expect(v("Oulu", "k:gym", "full")).toBe(5);
    expect(v("Oulu", ALL, "full")).toBe(5);
    expect(v(ALL, ALL, "full")).toBe(5);
    expect(v("Oulu", "k:fishing", "unmet")).toBeNull();
    expect(v("Oulu", ALL, "unmet")).toBeNull();
    expect(v(ALL, "k:fishing", "unmet")).toBeNull();
    expect(v(ALL, ALL, "unmet")).toBeNull();
  });

  it("the coordinator sees every municipality; staff those where their organization runs activities", () => {
    const all = needsViewFor(admin, {}, "fi", "page")!;
    expect(all.municipalities.map((m) => m.name)).toEqual(["Helsinki", "Oulu"]);
    expect(all.byMunicipality.map((r) => [r.code, r.unmet, r.full])).toEqual([
      ["Helsinki", 7, 0],
      ["Oulu", null, 5],
      ["*", null, 5],
    ]);
    // A paused activity counts as running there; the organization's own municipality does not.
    const oulu = needsViewFor(ouluStaff, { municipality: "Helsinki" }, "fi", "page")!;
    expect(oulu.municipalities.map((m) => m.name)).toEqual(["Oulu"]);
    expect(oulu.municipality).toBe("Oulu");
    expect(oulu.byMunicipality.map((r) => r.code)).toEqual(["Oulu"]);
    expect(oulu.byInterest.find((r) => r.code === "k:gym")).toMatchObject({ full: 5 });
    const provider = needsViewFor(staff, { municipality: "Helsinki" }, "sv", "page")!;
    expect(provider.byInterest.find((r) => r.code === "k:fishing")).toMatchObject({
      unmet: 7,
      nested: true,
      interestKey: "fishing",
    });
    // A worker has no such permission.
    expect(needsViewFor(worker, {}, "fi", "page")).toBeUndefined();
    // The trend holds this quarter's shown numbers, never a hidden one.
    expect(all.trend.length).toBe(1);
    expect(all.trend[0]).toMatchObject({ unmet: null, full: 5 });
    // For Finnish Excel: a byte-order mark, semicolons, headers in the user's language.
    const csv = needsCsv(all, translator("fi"));
    expect(csv.startsWith("\uFEFFPuuttuva toiminta\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toContain("Kunta;Ei sopivaa toimintaa;Sopiva toiminta täynnä");
    expect(lines.some((l) => /^Helsinki;7;/.test(l))).toBe(true);
    expect(lines.some((l) => /^Oulu;\.\.;/.test(l))).toBe(true);
    expect(csv).not.toMatch(/;[1-4](;|\r\n)/);
  });

  it("answers through the routes: 403 for a worker, 400 for a bad query, CSV for the coordinator", async () => {
    expect((await callRoute(needsPage.loader, worker.id, `${BASE}/needs`, {})).status).toBe(403);
    const long = "x".repeat(200);
    expect(
      (await callRoute(needsPage.loader, admin.id, `${BASE}/needs?municipality=${long}`, {}))
        .status,
    ).toBe(400);
    expect((await callRoute(needsPage.loader, staff.id, `${BASE}/needs`, {})).status).toBe(200);
    const csv = (await needsDownload.loader({
      request: await signedInRequest(admin.id, `${BASE}/needs/download`),
      params: {},
      context: {},
    })) as Response;
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(await csv.text()).toContain("\r\nHelsinki;7;");
  });
});

describe("from a cell to a new group", () => {
  it("prefills the interest, the municipality and a time five of the people share", async () => {
    const draft = draftActivityFromNeed(staff, "Helsinki", "fishing", "fi")!;
    expect(draft).toMatchObject({ municipality: "Helsinki", interestKey: "fishing" });
    expect(draft.times).toEqual([{ weekday: 2, start: "17:00", end: "19:00" }]);
    // Outside the staff member's municipalities, or a hidden cell: nothing to start from.
    expect(draftActivityFromNeed(ouluStaff, "Helsinki", "fishing", "fi")).toBeUndefined();
    expect(draftActivityFromNeed(admin, "Oulu", "fishing", "fi")).toBeUndefined();
    const page = await callRoute(
      newActivityPage.loader,
      staff.id,
      `${BASE}/staff/activities/new?interest=fishing&municipality=Helsinki`,
      {},
    );
    expect(page.status).toBe(200);
    const values = page.body.values as { municipality: string; schedule: unknown[] };
    expect(values.municipality).toBe("Helsinki");
    // The schedule editor's one row: Tuesday 17–19.
    expect(values.schedule).toEqual([{ weekday: "2", start: "17:00", end: "19:00" }]);
  });

  it("tells the workers of participants it newly fits, and nobody else", () => {
    const before = getDb().select().from(notifications).all().length;
    const result = createStaffActivity(
      { ...staff, organizationId: providerOrg.id },
      activityFields({
        title: "Kalastuskerho Helsinki",
        interests: ["kalastus"],
        municipality: "Helsinki",
        schedule: [{ weekday: 2, start: "17:00", end: "19:00" }],
      }),
    );
    expect(result.ok).toBe(true);
    const rows = getDb().select().from(notifications).all().slice(before);
    // Six fishers had nothing fitting (the seventh knits): three are the worker's own,
    // three unassigned go to both workers of their organization.
    expect(rows.filter((r) => r.userId === worker.id)).toHaveLength(6);
    expect(rows.filter((r) => r.userId === otherWorker.id)).toHaveLength(3);
    expect(rows.filter((r) => r.userId === staff.id)).toHaveLength(0);
    expect(rows).toHaveLength(9);
    for (const r of rows) {
      expect(JSON.parse(r.message)).toEqual({
        key: "needs.newFit",
        params: { title: "Kalastuskerho Helsinki" },
      });
      expect(r.link).toMatch(/^\/participants\/need-\d+\/suggestions$/);
      expect(r.participantId).not.toBeNull();
    }
  });
});

// ---------------------------------------------------------------- the property

const CONCEPTS = [
  { key: "a1", category: "A" },
  { key: "a2", category: "A" },
  { key: "b1", category: "B" },
  { key: "A" },
  { key: "B" },
].map((c) => ({
  key: c.key,
  category: c.category,
  labels: { fi: c.key, sv: c.key, en: c.key },
  terms: [],
}));
const TOWNS = ["T1", "T2", "T3", "T4"];

const person = fc.record({
  // Uneven towns, so that big and small parts of one total meet.
  municipality: fc.constantFrom("T1", "T1", "T1", "T2", "T2", "T3", "T4"),
  statuses: fc.dictionary(
    fc.constantFrom("a1", "a2", "b1", "A"),
    fc.constantFrom<InterestStatus>("fits", "unmet", "full"),
    { maxKeys: 3 },
  ),
});

describe("no view reveals a group of 1–4 people by subtraction", () => {
  it("holds for random people: shown cells, nested pairs and totals against their parts", () => {
    const matcher = new InterestMatcher(CONCEPTS);
    const parentOf = parentRowOf(matcher);
    fc.assert(
      fc.property(fc.array(person, { maxLength: 150 }), (drawn) => {
        const people: PersonNeeds[] = drawn.map((p, id) => ({
          id,
          municipality: p.municipality,
          statuses: new Map(Object.entries(p.statuses)),
        }));
        const cells = needCells(people, matcher);
        const hidden = hiddenNeedCells(cells, parentOf);
        const size = (k: string) => cells.get(k)?.size ?? 0;
        const shown = [...cells.keys()].filter((k) => !hidden.has(k));
        const small = (n: number) => n >= 1 && n < SMALL_NEED;
        // No shown cell is a small group.
        for (const k of shown) expect(small(size(k)), k).toBe(false);
        // Nested cells (a concept in its category or any interest, a town in all towns).
        const split = (k: string) => k.split("|") as [string, string, string];
        const widerRows = (row: string) => {
          const out = [row];
          for (let r = parentOf(row); r; r = parentOf(r)) out.push(r);
          return out;
        };
        for (const a of shown)
          for (const b of shown) {
            if (a === b) continue;
            const [ma, ra, sa] = split(a);
            const [mb, rb, sb] = split(b);
            if (sa !== sb || !(mb === ma || mb === ALL) || !widerRows(ra).includes(rb)) continue;
            expect(small(size(b) - size(a)), `${b} − ${a}`).toBe(false);
          }
        // Every staff view is a subset of towns: its numbers are shown cells of this table,
        // and a total over all towns minus the shown towns is never a small group.
        for (const total of shown.filter((k) => split(k)[0] === ALL)) {
          const [, row, measure] = split(total);
          const parts = TOWNS.map((m) => needCellKey(m, row, measure as "unmet"));
          const rest =
            size(total) - parts.filter((p) => !hidden.has(p)).reduce((s, p) => s + size(p), 0);
          expect(small(rest), total).toBe(false);
        }
      }),
      {
        seed: Number(process.env.FUZZ_SEED ?? 17),
        numRuns: 300,
        // Two big towns and a small one: the total minus the big ones is the small one.
        examples: [
          [
            [
              ...Array.from({ length: 10 }, () => ({
                municipality: "T1",
                statuses: { a1: "unmet" },
              })),
              ...Array.from({ length: 10 }, () => ({
                municipality: "T2",
                statuses: { a1: "unmet" },
              })),
              ...Array.from({ length: 3 }, () => ({
                municipality: "T3",
                statuses: { a1: "unmet" },
              })),
            ] as { municipality: string; statuses: Record<string, InterestStatus> }[],
          ],
        ],
      },
    );
  });
});
