import { spawn } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, participants, type ParticipantNeeds, type WeeklyWindow } from "#db/schema.ts";
import { getDb, writeTransaction } from "#app/infra/db.server.ts";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { getMeili, indexUid, isMeiliUnreachable } from "#app/infra/meili.server.ts";
import { saveActivity } from "#app/modules/catalog/catalog.server.ts";
import { getInterestMatcher } from "#app/modules/interests/interests.server.ts";
import {
  suggestForParticipant,
  suggestForParticipantDetailed,
} from "#app/modules/matching/matching.server.ts";
import { savePilot } from "#app/modules/pilots/pilots.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { loader as suggestionsLoader } from "#app/routes/api.v1.participants.$ref.suggestions.ts";
import {
  BASE,
  activityFields,
  createActivity,
  createOrganization,
  createPilot,
  createUser,
  pilotFields,
  prepareDatabase,
  signedInRequest,
  system,
} from "../factories/index.ts";

type ParticipantInput = {
  ref: string;
  organizationId: number;
  municipality?: string;
  birthYear?: number | null;
  languages?: string[];
  interests?: string[];
  interestText?: string | null;
  wantsPilot?: boolean;
  needs?: ParticipantNeeds;
  schedule?: WeeklyWindow[];
  maxDistanceKm?: number | null;
};

/** Participants straight into SQLite: the matcher reads the table, not the participants module. */
function insertParticipant(input: ParticipantInput) {
  const matcher = getInterestMatcher();
  const interests = input.interests ?? [];
  return getDb()
    .insert(participants)
    .values({
      ref: input.ref,
      organizationId: input.organizationId,
      municipality: input.municipality ?? "Parikkala",
      birthYear: input.birthYear ?? null,
      languages: input.languages ?? ["fi"],
      interests,
      interestText: input.interestText ?? null,
      interestKeys: matcher.normalize([...interests, input.interestText ?? ""]).keys,
      wantsPilot: input.wantsPilot ?? false,
      needs: input.needs ?? {},
      schedule: input.schedule ?? [],
      maxDistanceKm: input.maxDistanceKm ?? null,
      notes: "Arkaluonteinen muistiinpano: ei koskaan hakuindeksiin",
    })
    .returning({ id: participants.id })
    .get();
}

const PARTICIPANT = "p-1001";
const SECRET_TEXT = "Tykkää olla luonnossa, ennen kalasti paljon isän kanssa salaisuus-sana.";
let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };
let fishing: { id: number; ref: string };
let matti: { id: number; ref: string };
const distractors: Record<string, string> = {};
let online: { id: number; ref: string };

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
  orgA = createOrganization({ name: "SaimaanVirta ry", municipality: "Parikkala" });
  orgB = createOrganization({ name: "Savonlinnan setlementti", municipality: "Savonlinna" });
  fishing = createActivity(orgA.id, {
    ref: "act-fishing",
    title: "Kalastuskerho",
    location: { address: "Rantatie 1", lat: 61.57, lon: 29.56 },
    threshold: { free: true, dropIn: true, noRegistration: true, substanceFree: true },
  });
  distractors.closed = createActivity(orgA.id, { ref: "act-closed", status: "closed" }).ref;
  distractors.paused = createActivity(orgA.id, { ref: "act-paused", status: "paused" }).ref;
  distractors.full = createActivity(orgA.id, { ref: "act-full", capacity: 5, enrolled: 5 }).ref;
  distractors.age = createActivity(orgA.id, { ref: "act-youth", minAge: 16, maxAge: 29 }).ref;
  distractors.language = createActivity(orgA.id, { ref: "act-swedish", languages: ["sv"] }).ref;
  distractors.town = createActivity(orgB.id, { ref: "act-helsinki", municipality: "Helsinki" }).ref;
  distractors.far = createActivity(orgB.id, { ref: "act-imatra", municipality: "Imatra" }).ref;
  online = createActivity(orgB.id, {
    ref: "act-online-fishing",
    title: "Perhonsidonta verkossa",
    interests: ["kalastus"],
    municipality: "Helsinki",
    threshold: { online: true, free: true },
    schedule: [{ weekday: 4, start: "18:00", end: "19:00" }],
  });
  createActivity(orgA.id, {
    ref: "act-gym",
    title: "Kuntosaliryhmä",
    interests: ["kuntosali"],
    kind: "sport",
    schedule: [{ weekday: 1, start: "12:00", end: "13:00" }],
  });
  createActivity(orgA.id, {
    ref: "act-hiking",
    title: "Retkeilypiiri",
    interests: ["retkeily"],
    kind: "outing",
    schedule: [{ weekday: 2, start: "17:00", end: "19:00" }],
  });
  matti = createPilot(orgA.id, { ref: "pilot-matti", interests: ["kalastus", "ruoanlaitto"] });
  distractors.notAccepting = createPilot(orgA.id, {
    ref: "pilot-resting",
    acceptingMentees: false,
  }).ref;
  distractors.pilotFull = createPilot(orgA.id, {
    ref: "pilot-busy",
    capacity: 2,
    activeMentees: 2,
  }).ref;
  distractors.pilotLanguage = createPilot(orgA.id, {
    ref: "pilot-svenska",
    languages: ["sv"],
  }).ref;
  distractors.pilotFar = createPilot(orgB.id, {
    ref: "pilot-helsinki",
    municipality: "Helsinki",
  }).ref;
  createPilot(orgB.id, { ref: "pilot-savonlinna-far", municipality: "Savonlinna" });
  insertParticipant({
    ref: PARTICIPANT,
    organizationId: orgA.id,
    birthYear: 1994,
    interests: ["kalastaminen", "metsä"],
    interestText: SECRET_TEXT,
    wantsPilot: true,
    needs: { substanceFree: true },
    schedule: [{ weekday: 2, start: "16:00", end: "20:00" }],
    maxDistanceKm: 30,
  });
  insertParticipant({
    ref: "p-nopilot",
    organizationId: orgA.id,
    interests: ["kalastus"],
    wantsPilot: false,
  });
  insertParticipant({
    ref: "p-svenska",
    organizationId: orgA.id,
    languages: ["sv"],
    interests: ["fiske"],
    wantsPilot: true,
  });
  insertParticipant({ ref: "p-other-org", organizationId: orgB.id, interests: ["kalastus"] });
  const drained = await drainOutbox();
  expect(drained.error).toBeUndefined();
});

describe("suggestions for a participant", () => {
  it("suggests the fishing club and the pilot with plain-language reasons (journey 2)", async () => {
    const s = await suggestForParticipant(PARTICIPANT, {});
    expect(s).toBeDefined();
    expect(Object.keys(s!)).toEqual(["participant", "activities", "pilots"]);
    expect(s!.participant).toBe(PARTICIPANT);
    const first = s!.activities[0]!;
    expect(Object.keys(first)).toEqual(["ref", "score", "reasons"]);
    expect(first.ref).toBe(fishing.ref);
    // "metsä" is nature, which the club also is about.
    expect(first.reasons).toContain("Kiinnostus: kalastus, luonto");
    expect(first.reasons).toContain("Ti 17–19 sopii");
    expect(first.reasons.some((r) => /^Parikkala, (\d+ km|alle 1 km)$/.test(r))).toBe(true);
    expect(first.reasons).toContain("Päihteetön, maksuton, ei ilmoittautumista");
    const pilot = s!.pilots[0]!;
    expect(pilot.ref).toBe(matti.ref);
    expect(pilot.reasons).toEqual(
      expect.arrayContaining(["Kiinnostus: kalastus", "Puhuu suomea", "1/2 paikkaa vapaana"]),
    );
    expect(pilot.reasons).toContain("Samasta yhdistyksestä kuin Kalastuskerho");
    for (const list of [s!.activities, s!.pilots]) {
      for (const item of list) {
        expect(item.score).toBeGreaterThanOrEqual(0);
        expect(item.score).toBeLessThanOrEqual(1);
      }
      const sorted = [...list].sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref));
      expect(list.map((i) => i.ref)).toEqual(sorted.map((i) => i.ref));
    }
  });

  it("never suggests closed, paused, full, age-limited, other-language or out-of-reach ones", async () => {
    const s = await suggestForParticipant(PARTICIPANT, { limit: 50 });
    const refs = [...s!.activities, ...s!.pilots].map((i) => i.ref);
    for (const ref of Object.values(distractors)) expect(refs).not.toContain(ref);
    expect(refs).not.toContain("pilot-savonlinna-far");
    // Online activities are within reach everywhere.
    expect(refs).toContain(online.ref);
    // Unrelated interests rank below the interest match.
    expect(s!.activities.findIndex((a) => a.ref === "act-gym")).toBeGreaterThan(0);
  });

  it("checks every candidate against SQLite even when the index is stale", async () => {
    const save = (status: "open" | "closed", capacity = 12) =>
      writeTransaction((tx) =>
        saveActivity(tx, system, {
          ref: fishing.ref,
          organizationId: orgA.id,
          fields: activityFields({
            title: "Kalastuskerho",
            location: { address: "Rantatie 1", lat: 61.57, lon: 29.56 },
            threshold: { free: true, dropIn: true, noRegistration: true, substanceFree: true },
            status,
            capacity,
          }),
        }),
      );
    const savePilotState = (acceptingMentees: boolean) =>
      writeTransaction((tx) =>
        savePilot(tx, system, {
          ref: matti.ref,
          organizationId: orgA.id,
          fields: pilotFields({ interests: ["kalastus", "ruoanlaitto"], acceptingMentees }),
        }),
      );
    // Changed in SQLite only: the index still says open / accepting.
    save("closed");
    savePilotState(false);
    let s = await suggestForParticipant(PARTICIPANT, { limit: 50 });
    expect(s!.activities.map((a) => a.ref)).not.toContain(fishing.ref);
    expect(s!.pilots.map((p) => p.ref)).not.toContain(matti.ref);
    save("open", 7);
    s = await suggestForParticipant(PARTICIPANT, { limit: 50 });
    expect(s!.activities.map((a) => a.ref)).not.toContain(fishing.ref);
    save("open");
    savePilotState(true);
    await drainOutbox();
    s = await suggestForParticipant(PARTICIPANT, {});
    expect(s!.activities[0]!.ref).toBe(fishing.ref);
  });

  it("returns no pilots when the participant does not want one, and honours the limit", async () => {
    const s = await suggestForParticipant("p-nopilot", { limit: 2 });
    expect(s!.pilots).toEqual([]);
    expect(s!.activities).toHaveLength(2);
    // No birth year: age limits do not exclude, so the youth group is a fishing match too.
    for (const a of s!.activities) expect(a.reasons[0]).toMatch(/^Kiinnostus: kalastus/);
  });

  it("speaks Swedish and English and matches a Swedish interest", async () => {
    const sv = await suggestForParticipant("p-svenska", { lang: "sv" });
    expect(sv!.activities[0]!.ref).toBe(distractors.language);
    expect(sv!.activities[0]!.reasons).toContain("Intresse: fiske");
    expect(sv!.pilots.map((p) => p.ref)).toEqual([distractors.pilotLanguage]);
    expect(sv!.pilots[0]!.reasons).toContain("Talar svenska");
    const en = await suggestForParticipant(PARTICIPANT, { lang: "en" });
    expect(en!.activities[0]!.reasons).toEqual(
      expect.arrayContaining(["Interest: fishing, nature", "Tue 17–19 fits", "Parikkala, 4 km"]),
    );
    expect(en!.pilots[0]!.reasons).toEqual(
      expect.arrayContaining(["Speaks Finnish", "1/2 places free"]),
    );
  });

  it("gives the UI the same ranking with display fields", async () => {
    const detailed = await suggestForParticipantDetailed(PARTICIPANT, {});
    const plain = await suggestForParticipant(PARTICIPANT, {});
    expect(detailed!.activities.map((a) => a.ref)).toEqual(plain!.activities.map((a) => a.ref));
    expect(detailed!.activities[0]!.title).toBe("Kalastuskerho");
    expect(await suggestForParticipant("p-unknown", {})).toBeUndefined();
  });
});

describe("when Meilisearch cannot be reached", () => {
  it("throws for the CLI and API, and falls back to SQLite for screens that ask", async () => {
    const saved = process.env.MEILI_URL;
    process.env.MEILI_URL = "http://127.0.0.1:9";
    resetEnvCache();
    try {
      await expect(suggestForParticipant(PARTICIPANT, {})).rejects.toSatisfy(isMeiliUnreachable);
      const fallback = await suggestForParticipantDetailed(PARTICIPANT, { fallback: true });
      expect(fallback!.source).toBe("database");
      expect(fallback!.activities[0]!.ref).toBe(fishing.ref);
      expect(fallback!.pilots[0]!.ref).toBe(matti.ref);
      const refs = fallback!.activities.map((a) => a.ref);
      for (const ref of Object.values(distractors)) expect(refs).not.toContain(ref);
    } finally {
      process.env.MEILI_URL = saved;
      resetEnvCache();
    }
    expect((await suggestForParticipantDetailed(PARTICIPANT, {}))!.source).toBe("search");
  });
});

describe("privacy of the search index", () => {
  it("stores no participant field or value in either index", async () => {
    const client = getMeili()!;
    // A search runs first, so that any leak through the query would be visible too.
    await suggestForParticipant(PARTICIPANT, {});
    const participantFields = [
      "birthYear",
      "needs",
      "interestText",
      "wantsPilot",
      "maxDistanceKm",
      "nickname",
      "notes",
      "gender",
      "participantId",
      "participant",
    ];
    for (const base of ["activities", "pilots"]) {
      const { results } = await client.index(indexUid(base)).getDocuments({ limit: 1000 });
      expect(results.length).toBeGreaterThan(0);
      for (const doc of results) {
        for (const field of participantFields) expect(Object.keys(doc)).not.toContain(field);
      }
      const text = JSON.stringify(results);
      for (const value of ["p-1001", "p-svenska", "salaisuus", "Arkaluonteinen", "1994"]) {
        expect(text).not.toContain(value);
      }
    }
    const indexes = await client.getIndexes({ limit: 1000 });
    expect(indexes.results.map((i) => i.uid).filter((u) => u.startsWith(indexUid("")))).toEqual(
      expect.not.arrayContaining([expect.stringContaining("participant")]),
    );
  });
});

describe("suggestions API", () => {
  const url = (ref: string, query = "") =>
    `${BASE}/api/v1/participants/${encodeURIComponent(ref)}/suggestions${query}`;
  const call = async (request: Request, ref: string) => {
    try {
      return (await suggestionsLoader({ request, params: { ref }, context: {} })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };

  it("answers a worker of the participant's organization with the contract JSON and audits the read", async () => {
    const worker = await createUser("worker", orgA.id);
    const res = await call(
      await signedInRequest(worker.id, url(PARTICIPANT, "?limit=3&lang=fi")),
      PARTICIPANT,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual(await suggestForParticipant(PARTICIPANT, { limit: 3, lang: "fi" }));
    expect(body.activities.length).toBeLessThanOrEqual(3);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, worker.id), eq(auditLog.action, "participant.read")))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.context).toBe("api:suggestions");
    // A participant is named by row id in the audit log, never by ref (it changes at erasure).
    expect(audit[0]!.entityId).toBe(String(audit[0]!.participantId));
    expect(audit[0]!.entityId).not.toBe(PARTICIPANT);
  });

  it("401 without a session, 404 for another organization's participant, 403 for other roles", async () => {
    expect((await call(new Request(url(PARTICIPANT)), PARTICIPANT)).status).toBe(401);
    const other = await createUser("worker", orgB.id);
    const notFound = await call(await signedInRequest(other.id, url(PARTICIPANT)), PARTICIPANT);
    expect(notFound.status).toBe(404);
    const unknown = await call(await signedInRequest(other.id, url("p-nope")), "p-nope");
    expect(unknown.status).toBe(404);
    expect(await notFound.json()).toEqual(await unknown.json());
    const staff = await createUser("staff", orgA.id);
    expect(
      (await call(await signedInRequest(staff.id, url(PARTICIPANT)), PARTICIPANT)).status,
    ).toBe(403);
    const audits = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, other.id), eq(auditLog.action, "participant.read")))
      .all();
    expect(audits).toHaveLength(0);
  });

  it("400 with field errors for a bad limit or lang", async () => {
    const worker = await createUser("worker", orgA.id);
    for (const [query, field] of [
      ["?limit=0", "limit"],
      ["?limit=51", "limit"],
      ["?limit=abc", "limit"],
      ["?limit=2.5", "limit"],
      ["?lang=de", "lang"],
      ["?lang=", "lang"],
    ] as const) {
      const res = await call(
        await signedInRequest(worker.id, url(PARTICIPANT, query)),
        PARTICIPANT,
      );
      expect(res.status, query).toBe(400);
      expect(Object.keys((await res.json()).fieldErrors), query).toContain(field);
    }
  });
});

describe("match command", () => {
  const run = (args: string[], env: Record<string, string | undefined> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("node_modules/.bin/tsx", ["scripts/match.ts", ...args], {
        env: {
          ...process.env,
          DATA_DIR: process.env.DATA_DIR,
          MEILI_URL: process.env.MEILI_URL,
          MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY,
          MEILI_INDEX_PREFIX: process.env.MEILI_INDEX_PREFIX,
          ...env,
        },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });

  it("prints exactly the contract JSON and exits 0", async () => {
    const r = await run(["--participant", PARTICIPANT, "--limit", "5", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      await suggestForParticipant(PARTICIPANT, { limit: 5, lang: "fi" }),
    );
  }, 60_000);

  it("prints a readable list without --json", async () => {
    const r = await run(["--participant", PARTICIPANT, "--lang", "sv"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Kalastuskerho");
    expect(r.stdout).toContain("Intresse: fiske");
  }, 60_000);

  it("exits 1 for an unknown ref or bad options, 2 when Meilisearch cannot be reached", async () => {
    const unknown = await run(["--participant", "p-nope", "--json"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no participant with ref "p-nope"');
    expect(unknown.stdout).toBe("");
    expect((await run(["--participant", PARTICIPANT, "--limit", "0"])).code).toBe(1);
    expect((await run(["--participant", PARTICIPANT, "--lang", "de"])).code).toBe(1);
    expect((await run(["--limit", "3"])).code).toBe(1);
    const down = await run(["--participant", PARTICIPANT, "--json"], {
      MEILI_URL: "http://127.0.0.1:9",
    });
    expect(down.code, down.stderr).toBe(2);
    expect(down.stdout).toBe("");
  }, 90_000);
});
