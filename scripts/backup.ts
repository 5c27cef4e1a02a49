/**
 * `npm run db:backup [-- --out file.db]`: a consistent copy of the live
 * database with SQLite's online backup API, while the app keeps writing,
 * with the erasure ledger copied beside it (`file.db.erasures`).
 * `npm run db:backup -- --restore file.db` puts a backup back (stop the app
 * first; the current database is kept next to it as a safety copy) and
 * erases again everyone erased since, by the ledger in DATA_DIR and the
 * one beside the backup.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_DIR_MODE } from "#app/infra/files.server.ts";
import {
  copyLedgerBeside,
  ledgerCopyPathFor,
  ledgerPath,
  readLedger,
} from "#app/modules/privacy/erasure-ledger.server.ts";
import { applyErasureLedger } from "#app/modules/privacy/privacy.server.ts";
import { EXIT, log, runCli, userPath } from "./lib/cli.ts";

const ALL_PAGES = 0x7fffffff;

export function backupFileName(now = new Date()) {
  return `luotsi-${now.toISOString().replace(/[:.]/g, "-")}.db`;
}

/**
 * SQLite's online backup API. The copy is taken in one step: in WAL mode
 * that holds only a read snapshot, so writers go on meanwhile, and the copy
 * cannot be restarted over and over by their writes (which happens to small
 * steps when another connection writes between them).
 */
export async function backupDatabase(source: string, target: string) {
  // A copy of the database is as private as the database: 0600 (in a new folder, 0700).
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
  ensurePrivateFile(target);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  checkIntegrity(target);
  copyLedgerBeside(target);
  return target;
}

export function checkIntegrity(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`integrity_check of ${file}: ${String(result)}`);
  } finally {
    db.close();
  }
}

/**
 * Restores by the same backup API in the other direction, so the WAL and
 * any open readers stay consistent; the replaced database is saved first.
 */
export async function restoreDatabase(backup: string, target: string) {
  checkIntegrity(backup);
  let safety: string | undefined;
  if (fs.existsSync(target)) {
    safety = `${target}.before-restore-${backupFileName().replace(/^luotsi-|\.db$/g, "")}`;
    await backupDatabase(target, safety);
  }
  ensurePrivateFile(target);
  const src = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await src.backup(target);
  } finally {
    src.close();
  }
  checkIntegrity(target);
  // Whoever was erased after this backup was taken is erased again now.
  const digests = readLedger([ledgerPath(), ledgerCopyPathFor(backup)]);
  const db = openDatabase(target);
  let reErased: number;
  try {
    reErased = await applyErasureLedger(digests, db);
  } finally {
    db.$client.close();
  }
  return { restored: target, safetyCopy: safety, reErased };
}

async function main() {
  const env = getEnv();
  const argv = process.argv.slice(2);
  const restoreAt = argv.indexOf("--restore");
  if (restoreAt >= 0) {
    const file = argv[restoreAt + 1];
    if (!file || !fs.existsSync(userPath(file))) {
      log("usage: npm run db:backup -- --restore <backup.db>  (the file must exist)");
      return EXIT.badInput;
    }
    const result = await restoreDatabase(userPath(file), env.databasePath);
    console.log(JSON.stringify(result));
    return EXIT.ok;
  }
  if (!fs.existsSync(env.databasePath)) {
    log(`no database at ${env.databasePath}`);
    return EXIT.badInput;
  }
  const outAt = argv.indexOf("--out");
  const target =
    outAt >= 0 && argv[outAt + 1]
      ? userPath(argv[outAt + 1]!)
      : path.join(env.dataDir, "backups", backupFileName());
  if (outAt < 0) ensurePrivateDir(path.dirname(target));
  const started = Date.now();
  await backupDatabase(env.databasePath, target);
  log(`backup written in ${Date.now() - started} ms, integrity ok`);
  console.log(target);
  return EXIT.ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await runCli(main);
}
