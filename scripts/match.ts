import { parseArgs } from "node:util";
import { isMeiliUnreachable, requireMeili } from "#app/infra/meili.server.ts";
import { ensureCompleteIndexes } from "#app/modules/search/reindex.server.ts";
import { drainOutbox } from "#app/modules/search/sync.server.ts";
import { fieldErrorsOf } from "#app/infra/forms.ts";
import { migrateDatabase } from "#app/infra/db.server.ts";
import { seedVocabulary } from "#app/modules/interests/interests.server.ts";
import { RefSchema } from "#app/modules/common/common-schema.ts";
import { SuggestionsQuerySchema } from "#app/modules/matching/matching-schema.ts";
import {
  loadParticipantForMatching,
  suggestForParticipantDetailed,
  toContract,
  type DetailedSuggestions,
} from "#app/modules/matching/matching.server.ts";
import { EXIT, fail, runCli } from "./lib/cli.ts";
import { ensureMeiliForCommand } from "./lib/meili-process.ts";

const USAGE =
  "usage: npm run -s match -- --participant <ref> [--limit N] [--lang fi|sv|en] [--json]";

/** The readable list for a person at the terminal; --json prints the documented JSON (docs/interfaces.md) instead. */
function formatList(s: DetailedSuggestions) {
  const lines = [`Suggestions for ${s.participant}`, "", "Activities:"];
  if (s.activities.length === 0) lines.push("  (none)");
  s.activities.forEach((a, i) => {
    lines.push(`  ${i + 1}. ${a.title} [${a.ref}] ${a.score.toFixed(2)} (${a.organizationName})`);
    lines.push(`     ${a.reasons.join(" · ")}`);
  });
  lines.push("", "Pilots:");
  if (s.pilots.length === 0) lines.push("  (none)");
  s.pilots.forEach((p, i) => {
    lines.push(
      `  ${i + 1}. ${p.displayName} [${p.ref}] ${p.score.toFixed(2)} (${p.organizationName})`,
    );
    lines.push(`     ${p.reasons.join(" · ")}`);
  });
  return lines.join("\n");
}

await runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2).filter((a) => a !== "--"),
      options: {
        participant: { type: "string" },
        limit: { type: "string" },
        lang: { type: "string" },
        json: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail(`${e instanceof Error ? e.message : e}\n${USAGE}`);
  }
  if (values.participant === undefined) fail(`--participant is required\n${USAGE}`);
  const ref = RefSchema.safeParse(values.participant);
  if (!ref.success) fail(`--participant: ${ref.error.issues[0]?.message}\n${USAGE}`);
  const query = SuggestionsQuerySchema.safeParse({ limit: values.limit, lang: values.lang });
  if (!query.success) {
    const errors = Object.entries(fieldErrorsOf(query.error)).map(([k, m]) => `--${k}: ${m}`);
    fail(`${errors.join("\n")}\n${USAGE}`);
  }
  migrateDatabase();
  seedVocabulary();
  if (!loadParticipantForMatching(ref.data)) {
    console.error(`no participant with ref "${ref.data}" in this database`);
    return EXIT.badInput;
  }
  let meili: { release: () => Promise<void> } | undefined;
  try {
    meili = await ensureMeiliForCommand();
    // Like every command, catch the index up first (a write made while it was down).
    const client = requireMeili();
    // An index that lost its content (or has older settings) is rebuilt before it answers.
    await ensureCompleteIndexes(client, { say: (m) => console.error(m) });
    await drainOutbox({ client });
    const result = await suggestForParticipantDetailed(ref.data, query.data);
    if (!result) {
      console.error(`no participant with ref "${ref.data}" in this database`);
      return EXIT.badInput;
    }
    console.log(values.json ? JSON.stringify(toContract(result), null, 2) : formatList(result));
    return EXIT.ok;
  } catch (e) {
    if (isMeiliUnreachable(e) || (e instanceof Error && /Meilisearch/.test(e.message))) {
      console.error(
        `Meilisearch cannot be reached (${e instanceof Error ? e.message : e}); no suggestions`,
      );
      return EXIT.unavailable;
    }
    throw e;
  } finally {
    await meili?.release().catch(() => {});
  }
});
