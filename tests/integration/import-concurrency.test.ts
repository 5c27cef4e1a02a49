import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, isDatabaseBusy, writeTransaction } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { saveActivity } from "#app/modules/catalog/catalog.server.ts";
import { generateImportFile } from "../../scripts/lib/import-file.ts";
import { activityFields, createOrganization, prepareDatabase, system } from "../factories/index.ts";

/**
 * A big import runs as its own process (`npm run data:import`) on the real
 * database file while the app writes: the import saves in short
 * transactions (ADR 015), so every app write gets its turn within the busy
 * timeout, and an import stopped half-way is completed by the same file.
 */
const ACTIVITIES = 1_000;
const PARTICIPANTS = 300;
const file = path.join(getEnv().dataDir, "big-import.json");
let org: { id: number; ref: string };

const count = (sql: string) => getDb().$client.prepare(sql).pluck().get() as number;
const imported = () => count("select count(*) from activities where ref like 'act-bench-%'");
const importedParticipants = () =>
  count("select count(*) from participants where ref like 'p-bench-%'");

type Run = { code: number | null; signal: string | null; stdout: string; stderr: string };

function startImport() {
  // One process (no tsx wrapper in between), so that a kill reaches the import itself.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", file], {
    env: { ...process.env, INIT_CWD: process.cwd() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const done = new Promise<Run>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

async function until(what: string, ok: () => boolean, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(() => {
  prepareDatabase();
  org = createOrganization();
  generateImportFile(file, ACTIVITIES, PARTICIPANTS);
});

describe("a big import and the app's own writes at the same time", () => {
  it("every app write succeeds while the import saves, and the import completes", async () => {
    const run = startImport();
    await until("the import to start saving", () => imported() > 0);
    const outcomes: { ok: boolean; busy: boolean; importedThen: number }[] = [];
    let exited = false;
    void run.done.then(() => (exited = true));
    let n = 0;
    // A staff member saving again and again, as long as the import writes.
    while (!exited && imported() + importedParticipants() < ACTIVITIES + PARTICIPANTS) {
      const ref = `act-app-${n++}`;
      try {
        writeTransaction((tx) =>
          saveActivity(tx, system, {
            ref,
            organizationId: org.id,
            fields: activityFields({ title: `Sovelluksen tallennus ${n}` }),
          }),
        );
        outcomes.push({ ok: true, busy: false, importedThen: imported() });
      } catch (e) {
        outcomes.push({ ok: false, busy: isDatabaseBusy(e), importedThen: imported() });
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    // The writes really interleaved with the import's: some ran while it was part-way.
    const during = outcomes.filter((o) => o.importedThen > 0 && o.importedThen < ACTIVITIES);
    expect(during.length).toBeGreaterThan(5);
    expect(imported()).toBe(ACTIVITIES);
    expect(importedParticipants()).toBe(PARTICIPANTS);
    expect(count("select count(*) from activities where ref like 'act-app-%'")).toBe(
      outcomes.length,
    );
    expect(result.stdout).toContain(`activities: ${ACTIVITIES} created, 0 updated, 0 unchanged`);
    expect(result.stderr).toMatch(/saved [\d,]+ records in [\d.]+ s \([\d,]+ records\/s\)/);
    expect(result.stderr).toMatch(/peak memory \d+ MB/);
    console.info(
      `import-concurrency: ${outcomes.length} app writes during the import, ${during.length} while it was part-way, 0 failed`,
    );
  }, 600_000);

  it("an import stopped half-way is completed by running the same file again", async () => {
    getDb().$client.exec(
      "delete from path_steps where participant_id in (select id from participants where ref like 'p-bench-%');" +
        "delete from participants where ref like 'p-bench-%';" +
        "delete from activities where ref like 'act-bench-%';",
    );
    const steps = () =>
      count(
        "select count(*) from path_steps where participant_id in (select id from participants where ref like 'p-bench-%')",
      );
    // Killed outright (a crash, a reboot) part-way through the activities.
    const first = startImport();
    await until("part of the file saved", () => imported() > 100);
    first.child.kill("SIGKILL");
    await first.done;
    const partial = imported();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ACTIVITIES);

    // Ctrl-C part-way through the participants: it stops between two chunks and says how to go on.
    const second = startImport();
    await until("participants being saved", () => importedParticipants() > 20);
    second.child.kill("SIGINT");
    const interrupted = await second.done;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(
      /import interrupted after [\d,]+ of [\d,]+ records; they stay saved: run the same file again/,
    );
    expect(imported()).toBe(ACTIVITIES);
    const participantsThen = importedParticipants();
    expect(participantsThen).toBeLessThan(PARTICIPANTS);
    const stepsThen = steps();

    const third = await startImport().done;
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain(`activities: 0 created, 0 updated, ${ACTIVITIES} unchanged`);
    expect(third.stdout).toContain(
      `participants: ${PARTICIPANTS - participantsThen} created, 0 updated, ${participantsThen} unchanged`,
    );
    expect(importedParticipants()).toBe(PARTICIPANTS);
    // No path step twice: the participants saved before the interruption kept theirs.
    const perParticipant = getDb()
      .$client.prepare(
        `select count(*) from (select participant_id, step, date from path_steps
           group by participant_id, step, date, onward_path, end_reason having count(*) > 1)`,
      )
      .pluck()
      .get();
    expect(perParticipant).toBe(0);
    expect(steps()).toBeGreaterThan(stepsThen);
  }, 900_000);
});
