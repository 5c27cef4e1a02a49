import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../../scripts/lib/meili-process.ts";

/**
 * `npm start` as a child process, for tests of what an operator meets: the
 * real start script with its own data folder and port. The production build
 * is brought up to date under the lock the end-to-end tests build under, so
 * that two test files never run `remix build` into the same folder at once.
 */
export function ensureFreshBuild() {
  const r = spawnSync(
    "flock",
    [
      "/tmp/luotsi-e2e.lock",
      path.resolve("node_modules/.bin/tsx"),
      "-e",
      'import("./scripts/lib/build.ts").then((b) => process.exit(b.buildIfNeeded(process.cwd(), (m) => console.error(m)) ? 0 : 1))',
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  if (r.status !== 0) throw new Error("remix build failed");
}

export type LuotsiProcess = {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves when the output matches. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startLuotsi(env: Record<string, string | undefined>): Promise<LuotsiProcess> {
  ensureFreshBuild();
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    ...env,
  };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const waitFor = async (pattern: RegExp, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (child.exitCode !== null)
        throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`waited for ${pattern} in vain:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await waitFor(/Luotsi is running/);
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    waitFor,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
