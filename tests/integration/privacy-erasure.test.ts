import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, participants } from "#db/schema.ts";
import { createUserSession } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import {
  LEDGER_FILE,
  ledgerCopyPathFor,
  readLedger,
  refDigest,
} from "#app/modules/privacy/erasure-ledger.server.ts";
import { exportParticipantData } from "#app/modules/privacy/privacy.server.ts";
import { backupDatabase, restoreDatabase } from "../../scripts/backup.ts";
import { prepareDatabase } from "../factories/index.ts";
import { seedWorld, type World } from "./authorization-matrix-seed.ts";
import { rawRequest } from "./http-client.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

/**
 * Erasure leaves nothing behind on disk. Organization A's participant is
 * made through the app's own flows (tests/integration/authorization-matrix-seed.ts:
 * canaries in every field, mail to their addresses, notifications about
 * them, invitations, referrals with messages, a failed sign-in with their
 * address), erased through the real server, and then the database file and
 * its WAL are searched byte by byte for every word of theirs and for their
 * original ref. The erasure itself checkpoints the WAL before it answers, so
 * the result does not depend on timing. A backup taken before the erasure,
 * restored, erases them again from the ledger.
 */
let world: World;
let build: ServerBuild;
let app: RunningApp;
let backupFile: string;

beforeAll(async () => {
  prepareDatabase();
  world = await seedWorld();
  build = await loadServerBuild();
  app = await startApp(build);
  // A sign-in that failed with the participant's own address leaves a counter naming it.
  await rawRequest(app.url, {
    method: "POST",
    path: "/login",
    headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      email: world.a.users.participant.email,
      password: "not the right one",
    }).toString(),
  });
  backupFile = path.join(getEnv().dataDir, "backups", "before-erasure.db");
  await backupDatabase(getEnv().databasePath, backupFile);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

/** The erased person's words: every text canary (numbers are stored as integers, not text). */
const wordsOf = () => world.a.secrets.filter((s) => !/^\d+$/.test(s));

function bytesOf(file: string) {
  return fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
}

function foundOnDisk(dbFile: string, words: string[]) {
  const files = [dbFile, `${dbFile}-wal`, `${dbFile}-journal`];
  return files.flatMap((file) => {
    const bytes = bytesOf(file);
    return words
      .filter((w) => bytes.includes(Buffer.from(w, "utf8")))
      .map((w) => `${w} in ${path.basename(file)}`);
  });
}

describe("erasure through the real server", () => {
  it("the export first holds everything, the addresses and the mail included", () => {
    const data = exportParticipantData(
      { kind: "system", name: "test" },
      world.a.records.participant,
    )!;
    expect(data.emails).toEqual(expect.arrayContaining([world.a.users.participant.email]));
    expect(data.emails.length).toBe(3);
    expect(data.invitations.length).toBe(2);
    expect(data.mails.length).toBeGreaterThanOrEqual(2);
    expect(data.notifications.length).toBeGreaterThan(0);
    // Before the erasure, the words are on disk: the search below can find them.
    expect(foundOnDisk(getEnv().databasePath, wordsOf()).length).toBeGreaterThan(0);
  });

  it("leaves none of the person's words and not their original ref in the database file or its WAL", async () => {
    const ref = world.a.records.participant;
    const cookie = (await createUserSession(new Request(app.url), world.a.users.worker.id)).split(
      ";",
    )[0]!;
    const res = await rawRequest(app.url, {
      method: "POST",
      path: `/privacy/erase/${ref}`,
      headers: {
        Origin: app.url,
        Cookie: cookie,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ confirm: ref }).toString(),
    });
    expect(res.status, res.body).toBe(302);
    const dbFile = getEnv().databasePath;
    expect(bytesOf(`${dbFile}-wal`).length, "the WAL was checkpointed and emptied").toBe(0);
    expect(foundOnDisk(dbFile, [...wordsOf(), ref])).toEqual([]);
    // Every table, read back through SQLite too.
    const db = getDb().$client;
    const tables = db
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all() as string[];
    const dump = JSON.stringify(tables.map((t) => db.prepare(`select * from "${t}"`).all()));
    for (const word of [...wordsOf(), ref]) expect(dump).not.toContain(word);
  });

  it("audit rows stay, and point at the erased record's new random ref", () => {
    const row = getDb()
      .select()
      .from(participants)
      .where(eq(participants.id, world.a.participantId))
      .get()!;
    expect(row.ref).toMatch(/^erased-[0-9a-f]{16}$/);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.participantId, world.a.participantId))
      .all();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["participant.create", "participant.update", "participant.erase"]),
    );
    for (const a of audit)
      if (a.entityType === "participant") expect(a.entityId).toBe(String(row.id));
  });

  it("keeps a keyed hash of the original ref in the ledger outside the database, never the ref", () => {
    const ledger = path.join(getEnv().dataDir, LEDGER_FILE);
    const text = fs.readFileSync(ledger, "utf8");
    expect(text).not.toContain(world.a.records.participant);
    expect(readLedger([ledger]).has(refDigest(world.a.records.participant))).toBe(true);
    expect(fs.statSync(ledger).mode & 0o077).toBe(0);
  });

  it("restoring the backup taken before erases the person again", async () => {
    const target = path.join(getEnv().dataDir, "restored", "luotsi.db");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // The backup carries the ledger as it was then; the one in DATA_DIR knows this erasure.
    expect(readLedger([ledgerCopyPathFor(backupFile)]).size).toBe(0);
    expect(foundOnDisk(backupFile, wordsOf()).length).toBeGreaterThan(0);
    const result = await restoreDatabase(backupFile, target);
    expect(result.reErased).toBe(1);
    expect(foundOnDisk(target, [...wordsOf(), world.a.records.participant])).toEqual([]);
    // The other organization's participant was not touched.
    const restored = (await import("better-sqlite3")).default(target, { readonly: true });
    try {
      const refs = restored.prepare("select ref from participants").pluck().all() as string[];
      expect(refs).toContain(world.b.records.participant);
      expect(refs).not.toContain(world.a.records.participant);
    } finally {
      restored.close();
    }
  });
});
