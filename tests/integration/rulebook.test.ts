import fc from "fast-check";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { participants, pilots } from "#db/schema.ts";
import { getDb, writeTransaction } from "#app/infra/db.server.ts";
import { getMeili, indexUid } from "#app/infra/meili.server.ts";
import { getActivitiesByIds } from "#app/modules/catalog/catalog.server.ts";
import type { ActivityFields } from "#app/modules/catalog/activity-schema.ts";
import { THRESHOLD_FLAGS, todayInFinland } from "#app/modules/common/common-schema.ts";
import type { WeeklyWindow } from "#app/modules/common/common-schema.ts";
import { getInterestMatcher } from "#app/modules/interests/interests.server.ts";
import {
  activityFactsOf,
  loadParticipantForMatching,
  pilotFactsOf,
  seekerOf,
} from "#app/modules/matching/match-facts.server.ts";
import {
  activityChecks,
  ageIn,
  fittingSessions,
  overlappingTimes,
  passes,
  pilotChecks,
} from "#app/modules/matching/match-rules.ts";
import { activityFilter, pilotFilter } from "#app/modules/matching/matching-retrieval.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { rankCandidates } from "#app/modules/matching/matching-rank.server.ts";
import type { ParticipantFields } from "#app/modules/participants/participant-schema.ts";
import { saveParticipant } from "#app/modules/participants/participants.server.ts";
import { addToShortlist, listShortlist } from "#app/modules/participants/shortlist.server.ts";
import type { PilotFields } from "#app/modules/pilots/pilot-schema.ts";
import {
  activityFields,
  createActivity,
  createOrganization,
  createPilot,
  pilotFields,
  prepareDatabase,
  system,
} from "../factories/index.ts";

/**
 * One verdict everywhere (issue "One truth"): for random participants,
 * activities and pilots written to SQLite, whatever the matcher leaves out
 * (of the suggestions and of the "others" alike) the shortlist marks as not
 * fitting, and whatever the shortlist marks as not fitting the matcher
 * leaves out. Both go through their real paths: the matcher's stage two on
 * SQLite's rows, the shortlist's listing.
 */

// Towns close to and far from each other, so that reach passes and fails.
const TOWNS = ["Parikkala", "Savonlinna", "Imatra", "Rautjärvi", "Helsinki", "Rantasalmi"];
const WORDS = ["kalastus", "kuntosali", "metsä", "kokkaus", "fiske", "neulonta", "shakki"];
const LANGS = ["fi", "sv", "en", "ru"];
const YEAR = Number(todayInFinland().slice(0, 4));

const time = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

const windowArb: fc.Arbitrary<WeeklyWindow> = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    start: fc.integer({ min: 8 * 4, max: 20 * 4 }),
    length: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ weekday, start, length }) => ({
    weekday,
    start: time(start * 15),
    end: time(Math.min(start * 15 + length * 30, 23 * 60 + 59)),
  }));
const scheduleArb = fc.array(windowArb, { maxLength: 3 });
// Finnish most often, as in life; other languages so that "no common language" comes up too.
const langsArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(["fi"]).map((l) => [...l]) },
  { weight: 2, arbitrary: fc.subarray(LANGS, { minLength: 1, maxLength: 2 }) },
);
const flagsArb = fc
  .subarray([...THRESHOLD_FLAGS], { maxLength: 4 })
  .map((flags) => Object.fromEntries(flags.map((f) => [f, true])));

const participantArb: fc.Arbitrary<ParticipantFields> = fc.record({
  municipality: fc.constantFrom(...TOWNS),
  gender: fc.constant("unknown" as const),
  // Around the age limits below, so the boundary years come up often.
  birthYear: fc.option(fc.integer({ min: YEAR - 70, max: YEAR - 14 }), { nil: null }),
  languages: langsArb,
  interests: fc.subarray(WORDS, { minLength: 1, maxLength: 3 }),
  interestText: fc.constant(null),
  wantsPilot: fc.constant(true),
  needs: flagsArb.map((n) => {
    delete n.online;
    return n;
  }),
  schedule: scheduleArb,
  maxDistanceKm: fc.option(fc.integer({ min: 0, max: 250 }), { nil: null }),
});

const activityArb: fc.Arbitrary<Partial<ActivityFields>> = fc
  .record({
    municipality: fc.constantFrom(...TOWNS),
    located: fc.boolean(),
    lat: fc.double({ min: 60.2, max: 62.2, noNaN: true }),
    lon: fc.double({ min: 24.5, max: 29.9, noNaN: true }),
    languages: langsArb,
    status: fc.constantFrom("open", "open", "open", "open", "paused", "closed") as fc.Arbitrary<
      "open" | "paused" | "closed"
    >,
    capacity: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
    enrolled: fc.integer({ min: 0, max: 8 }),
    ages: fc.tuple(
      fc.option(fc.integer({ min: 14, max: 60 }), { nil: null, freq: 2 }),
      fc.option(fc.integer({ min: 14, max: 70 }), { nil: null, freq: 2 }),
    ),
    threshold: flagsArb,
    schedule: scheduleArb,
    interests: fc.subarray(WORDS, { maxLength: 2 }),
  })
  .map(({ located, lat, lon, ages: [a, b], ...rest }) => ({
    ...rest,
    description: null,
    minAge: a != null && b != null ? Math.min(a, b) : a,
    maxAge: a != null && b != null ? Math.max(a, b) : b,
    location: located ? { address: null, lat, lon } : null,
  }));

const pilotArb: fc.Arbitrary<Partial<PilotFields>> = fc.record({
  municipality: fc.constantFrom(...TOWNS),
  languages: langsArb,
  interests: fc.subarray(WORDS, { maxLength: 2 }),
  capacity: fc.integer({ min: 1, max: 3 }),
  activeMentees: fc.integer({ min: 0, max: 4 }),
  acceptingMentees: fc.boolean(),
  // Trained most often; the others so that "only trained pilots" (issue #17) comes up.
  trainingStatus: fc.constantFrom(
    "trained",
    "trained",
    "in-training",
    "interested",
  ) as fc.Arbitrary<"trained" | "in-training" | "interested">,
  schedule: scheduleArb.map((s) => {
    // A pilot gives one time per weekday.
    const byDay = new Map(s.map((w) => [w.weekday, w]));
    return [...byDay.values()];
  }),
});

let org: { id: number; ref: string };
let n = 0;

beforeAll(() => {
  prepareDatabase();
  org = createOrganization({ municipality: "Parikkala" });
});

describe("the rulebook gives one verdict to the matcher and the shortlist", () => {
  it("what the matcher leaves out the shortlist marks as not fitting, and the reverse", () => {
    const db = getDb();
    const matcher = getInterestMatcher(db);
    let fitting = 0;
    let notFitting = 0;
    fc.assert(
      fc.property(participantArb, activityArb, pilotArb, (person, activity, pilot) => {
        n += 1;
        const ref = `p-rule-${n}`;
        const { id } = writeTransaction(
          (tx) =>
            saveParticipant(tx, system, { ref, organizationId: org.id, fields: person }, matcher),
          db,
        );
        const a = createActivity(org.id, { ref: `act-rule-${n}`, ...activityFields(activity) });
        const pl = createPilot(org.id, { ref: `pilot-rule-${n}`, ...pilotFields(pilot) });

        // The matcher: stage two on SQLite's rows (stage one only narrows the candidates).
        const seeker = loadParticipantForMatching(ref, db, matcher)!;
        const ranked = rankCandidates(
          seeker,
          { activityIds: [a.id], pilotIds: [pl.id] },
          { limit: 50, lang: "fi" },
          matcher,
          db,
        );
        const activityLeftOut = ![...ranked.activities, ...ranked.others].some(
          (s) => s.ref === a.ref,
        );
        const pilotLeftOut = !ranked.pilots.some((s) => s.ref === pl.ref);

        // The shortlist: a closed activity cannot be added at all, which is "does not fit" too.
        const added = addToShortlist(system, id, { activityRef: a.ref }, db).ok;
        addToShortlist(system, id, { pilotRef: pl.ref }, db);
        const row = db.select().from(participants).where(eq(participants.id, id)).get()!;
        const list = listShortlist(row, "fi", db);
        const activityFits = added && list.find((e) => e.ref === a.ref)!.fits;
        const pilotFits = list.find((e) => e.ref === pl.ref)!.fits;

        expect(activityLeftOut, `activity ${a.ref}`).toBe(!activityFits);
        expect(pilotLeftOut, `pilot ${pl.ref}`).toBe(!pilotFits);
        // A shortlist entry that does not fit names the broken rule in plain words.
        for (const e of list)
          if (!e.fits) expect(e.notes.some((note) => note.level === "no")).toBe(true);
        if (activityFits) fitting += 1;
        else notFitting += 1;
      }),
      { numRuns: 150, seed: Number(process.env.FUZZ_SEED ?? 20261207) },
    );
    // The generators reach both sides of the rules, or the property would say little.
    expect(fitting).toBeGreaterThan(10);
    expect(notFitting).toBeGreaterThan(10);
    // 150 runs write to SQLite; a busy shared machine needs more than the default 30 s.
  }, 180_000);
});

describe("the filter sent to Meilisearch gives the rulebook's verdicts", () => {
  /**
   * Random activities and pilots, indexed in a real Meilisearch; for random
   * participants, exactly what the rulebook's hard rules let in must pass the
   * stage-one filter: none left out (a fitting activity never suggested) and
   * none let in that the rulebook refuses (the reach filter as precomputed
   * distances, issue #15, and the `_geoRadius` beyond them included).
   */
  it("for random participants over a random indexed catalog", async () => {
    const db = getDb();
    const matcher = getInterestMatcher(db);
    const client = getMeili()!;
    const orgRef = createOrganization({ municipality: "Imatra" });
    const sampleActivities = fc.sample(activityArb, { numRuns: 300, seed: 15 });
    const samplePilots = fc.sample(pilotArb, { numRuns: 120, seed: 16 });
    const activityIds = sampleActivities.map(
      (a, i) => createActivity(orgRef.id, { ref: `act-filter-${i}`, ...activityFields(a) }).id,
    );
    const pilotIds = samplePilots.map(
      (p, i) => createPilot(orgRef.id, { ref: `pilot-filter-${i}`, ...pilotFields(p) }).id,
    );
    await ensureIndexes(client, db);
    await drainOutbox({ db });
    const activityFacts = getActivitiesByIds(activityIds, db).map((a) => ({
      id: a.id,
      facts: activityFactsOf(a),
    }));
    const pilotFacts = db
      .select()
      .from(pilots)
      .all()
      .filter((p) => pilotIds.includes(p.id))
      .map((p) => ({ id: p.id, row: p }));
    expect(activityFacts).toHaveLength(activityIds.length);
    // Only this test's organization: the first test's activities share the index.
    const idsIn = async (uid: string, filter: string[]) => {
      const r = await client.index(uid).search("", {
        filter: [...filter, `organizationId = ${orgRef.id}`],
        limit: 1000,
        attributesToRetrieve: ["id"],
      });
      return new Set(r.hits.map((h) => h.id as number));
    };
    let fitting = 0;
    let geoFallback = 0;
    let untrainedLetIn = 0;
    await fc.assert(
      fc.asyncProperty(participantArb, async (person) => {
        const row = {
          ...person,
          id: 0,
          ref: "p-filter",
          organizationId: orgRef.id,
          interestKeys: [],
          erasedAt: null,
        } as unknown as Parameters<typeof seekerOf>[0];
        const seeker = seekerOf(row, matcher);
        if (seeker.maxDistanceKm > 50) geoFallback += 1;
        const byIndex = await idsIn(indexUid("activities"), activityFilter(seeker));
        for (const { id, facts } of activityFacts) {
          const rule = passes(activityChecks(seeker, facts));
          if (rule) fitting += 1;
          expect(byIndex.has(id), `activity ${id} for ${JSON.stringify(seeker)}`).toBe(rule);
        }
        // Both positions of the coordinator's switch "only trained pilots" (issue #17).
        for (const onlyTrained of [true, false]) {
          const pilotsByIndex = await idsIn(indexUid("pilots"), pilotFilter(seeker, onlyTrained));
          for (const { id, row } of pilotFacts) {
            const rule = passes(pilotChecks(seeker, pilotFactsOf(row, onlyTrained)));
            if (rule && row.trainingStatus !== "trained") untrainedLetIn += 1;
            expect(pilotsByIndex.has(id), `pilot ${id}, onlyTrained ${onlyTrained}`).toBe(rule);
          }
        }
      }),
      { numRuns: 120, seed: Number(process.env.FUZZ_SEED ?? 20261207) },
    );
    // Both sides of the rules and both kinds of reach filter came up.
    expect(fitting).toBeGreaterThan(100);
    expect(geoFallback).toBeGreaterThan(10);
    // With the switch off, untrained pilots that fit otherwise did come up.
    expect(untrainedLetIn).toBeGreaterThan(0);
  }, 180_000);
});

describe("the rulebook's own rules", () => {
  it("takes the age from Finland's calendar year", () => {
    expect(ageIn(2000, "2026-01-01")).toBe(26);
    expect(ageIn(null, "2026-01-01")).toBeUndefined();
  });

  it("compares times as minutes: a session fits inside a window, overlap needs shared minutes", () => {
    const windows = [{ weekday: 2, start: "09:00", end: "17:00" }];
    expect(fittingSessions(windows, [{ weekday: 2, start: "09:00", end: "17:00" }])).toHaveLength(
      1,
    );
    expect(fittingSessions(windows, [{ weekday: 2, start: "16:30", end: "17:30" }])).toHaveLength(
      0,
    );
    expect(fittingSessions(windows, [{ weekday: 3, start: "10:00", end: "11:00" }])).toHaveLength(
      0,
    );
    expect(overlappingTimes(windows, [{ weekday: 2, start: "17:00", end: "18:00" }])).toHaveLength(
      0,
    );
    expect(overlappingTimes(windows, [{ weekday: 2, start: "16:59", end: "18:00" }])).toHaveLength(
      1,
    );
  });
});
