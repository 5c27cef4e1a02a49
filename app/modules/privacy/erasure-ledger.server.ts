import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "#app/infra/env.server.ts";

/**
 * The erasure ledger: which participants have been erased, kept outside the
 * database so that restoring an older backup can erase them again
 * (`npm run db:backup -- --restore`). It holds keyed hashes (HMAC-SHA-256)
 * of the original refs, never the refs: without the key, which stays in
 * DATA_DIR, the ledger cannot be checked against a list of guessed refs.
 * One hex digest per line, appended and flushed before the erasure commits.
 */
export const LEDGER_FILE = "erasure-ledger.txt";
export const LEDGER_KEY_FILE = "erasure-ledger.key";

function dataDir() {
  return getEnv().dataDir;
}

export function ledgerPath(dir = dataDir()) {
  return path.join(dir, LEDGER_FILE);
}

/** The ledger's key, made once (32 random bytes, readable by the app's user only). */
export function ledgerKey(dir = dataDir()): Buffer {
  const file = path.join(dir, LEDGER_KEY_FILE);
  try {
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (e) {
    // Another process made it a moment ago: theirs counts.
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return ledgerKey(dir);
    throw e;
  }
}

/** The ledger's entry for an original ref. */
export function refDigest(ref: string, key: Buffer = ledgerKey()) {
  return crypto.createHmac("sha256", key).update(ref, "utf8").digest("hex");
}

/** Adds an erased participant's original ref, durably, before the erasure commits. */
export function appendToLedger(ref: string, dir = dataDir()) {
  const line = `${refDigest(ref, ledgerKey(dir))}\n`;
  const fd = fs.openSync(ledgerPath(dir), "a", 0o600);
  try {
    fs.writeSync(fd, line);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every digest in the given ledger files (missing files count as empty). */
export function readLedger(files: string[]): Set<string> {
  const digests = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw e;
    }
    for (const line of text.split("\n")) {
      const d = line.trim();
      if (/^[0-9a-f]{64}$/.test(d)) digests.add(d);
    }
  }
  return digests;
}

/** A backup's copy of the ledger sits beside it: `luotsi-….db.erasures`. */
export function ledgerCopyPathFor(backupFile: string) {
  return `${backupFile}.erasures`;
}

/** Copies the current ledger beside a backup, so the two travel together. */
export function copyLedgerBeside(backupFile: string, dir = dataDir()) {
  const source = ledgerPath(dir);
  if (!fs.existsSync(source)) return undefined;
  const target = ledgerCopyPathFor(backupFile);
  fs.copyFileSync(source, target);
  fs.chmodSync(target, 0o600);
  return target;
}
