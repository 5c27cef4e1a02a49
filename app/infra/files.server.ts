import fs from "node:fs";
import path from "node:path";

/**
 * Everything under DATA_DIR is for the service's own user only: the database
 * holds participants' personal data, the folder also holds backups, the
 * bundled Meilisearch's data and generated keys. Folders are 0700 and files
 * 0600 whatever the umask, and looser modes left by older versions (or by a
 * copy made by hand) are tightened when Luotsi opens them.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** chmod down to `mode` when the path has more bits; missing paths and other owners' files are left alone. */
export function tightenMode(target: string, mode: number) {
  try {
    const current = fs.statSync(target).mode & 0o777;
    if ((current & ~mode) !== 0) fs.chmodSync(target, current & mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "EPERM") throw e;
  }
}

/** Creates the folder (and any missing parents) as 0700; an existing one is tightened to 0700. */
export function ensurePrivateDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tightenMode(dir, PRIVATE_DIR_MODE);
}

/** Creates an empty file as 0600 unless it exists (then it is tightened): SQLite then gives its -wal and -shm the same mode. */
export function ensurePrivateFile(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.closeSync(fs.openSync(file, "a", PRIVATE_FILE_MODE));
  tightenMode(file, PRIVATE_FILE_MODE);
}

/** Writes a whole file as 0600, also when it already existed with a looser mode. */
export function writePrivateFile(file: string, content: string) {
  ensurePrivateFile(file);
  fs.writeFileSync(file, content, { mode: PRIVATE_FILE_MODE });
}

/** The SQLite database and the files SQLite keeps beside it. */
export function sqliteFiles(file: string) {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/**
 * Runs `fn` (which starts a child process) with umask 077, so that every
 * file and folder the child creates is its user's only. The child inherits
 * the umask when it is forked, inside `fn`; ours is restored at once.
 */
export function withPrivateUmask<T>(fn: () => T): T {
  const previous = process.umask(0o077);
  try {
    return fn();
  } finally {
    process.umask(previous);
  }
}
