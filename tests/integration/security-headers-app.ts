import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { getEnv } from "#app/infra/env.server.ts";
import { createExpressApp, listen } from "../../scripts/lib/http-server.ts";
import { ensureFreshBuild } from "./app-process.ts";

/**
 * The real Express app (security headers, Origin check, the request-parsing
 * layer) over a real `remix build`. The build is brought up to date and
 * copied under the e2e lock so that another test's rebuild cannot change it
 * under our feet.
 */
export async function loadServerBuild(): Promise<ServerBuild> {
  const copy = path.join(getEnv().dataDir, "build");
  ensureFreshBuild();
  execFileSync(
    "flock",
    [
      "/tmp/luotsi-e2e.lock",
      "sh",
      "-c",
      `mkdir -p '${copy}' && cp build/index.js '${copy}/index.js'`,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  if (!fs.existsSync(path.join(copy, "index.js"))) throw new Error("no server build");
  return (await import(
    /* @vite-ignore */ pathToFileURL(path.join(copy, "index.js")).href
  )) as ServerBuild;
}

export type RunningApp = { url: string; close: () => Promise<void> };

export async function startApp(build: ServerBuild): Promise<RunningApp> {
  const server: Server = await listen(createExpressApp({ build }), 0, "127.0.0.1");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
