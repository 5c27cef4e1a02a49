import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `remix build` when build/ is missing or older than the sources. Returns false on failure. */
export function buildIfNeeded(
  root = process.cwd(),
  say: (m: string) => void = console.log,
): boolean {
  const serverBuild = path.join(root, "build/index.js");
  const sources = Math.max(
    newestMtime(path.join(root, "app")),
    newestMtime(path.join(root, "db")),
    fs.statSync(path.join(root, "remix.config.js")).mtimeMs,
    fs.statSync(path.join(root, "package.json")).mtimeMs,
  );
  if (fs.existsSync(serverBuild) && fs.statSync(serverBuild).mtimeMs >= sources) return true;
  say("building the app for production…");
  const result = spawnSync(path.join(root, "node_modules/.bin/remix"), ["build"], {
    stdio: ["ignore", "inherit", "pipe"],
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  const stderr = result.stderr ?? "";
  // The compiler's esbuild service sometimes dumps a Go "deadlock" trace as it
  // shuts down after a successful build; it means nothing then, so it is not shown.
  const noise = stderr.indexOf("fatal error: all goroutines are asleep");
  process.stderr.write(result.status === 0 && noise >= 0 ? stderr.slice(0, noise) : stderr);
  return result.status === 0;
}
