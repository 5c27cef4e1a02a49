import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { suggestForParticipant } from "#app/modules/matching/matching.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { prepareDatabase } from "../factories/index.ts";
import {
  evaluateRelevance,
  loadRelevanceSet,
  readRelevanceSet,
} from "../fixtures/relevance/relevance-set.ts";

/** Raised as the matcher improves; the measured figures are in docs/benchmarks.md. */
const FLOOR = { activities: 0.97, pilots: 0.98 };

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
  loadRelevanceSet(getDb());
  const drained = await drainOutbox();
  expect(drained.error).toBeUndefined();
});

describe("matcher quality on the judged relevance set", () => {
  it("has at least 20 judged participants with the distractor kinds the brief asks for", () => {
    const { cases } = readRelevanceSet();
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const notes = cases.map((c) => c.note).join(" ");
    for (const kind of ["inflected", "synonym", "Swedish", "full", "closed", "language", "age"]) {
      expect(notes, kind).toContain(kind);
    }
  });

  it("breaks no hard rule and keeps nDCG@5 above the floor", async () => {
    const report = await evaluateRelevance((ref) => suggestForParticipant(ref, { limit: 10 }));
    const rows = report.perCase
      .map(
        (c) =>
          `${c.ref.padEnd(6)} activities ${c.activities?.toFixed(2) ?? "  - "}  pilots ${c.pilots?.toFixed(2) ?? "  - "}`,
      )
      .join("\n");
    console.log(
      `relevance set: ${report.cases} participants\n${rows}\n` +
        `nDCG@5 activities ${report.ndcgActivities.toFixed(3)}, pilots ${report.ndcgPilots.toFixed(3)}, ` +
        `all ${report.ndcg.toFixed(3)}; rule violations ${report.violations.length}`,
    );
    expect(report.violations).toEqual([]);
    expect(report.ndcgActivities).toBeGreaterThanOrEqual(FLOOR.activities);
    expect(report.ndcgPilots).toBeGreaterThanOrEqual(FLOOR.pilots);
  });
});
