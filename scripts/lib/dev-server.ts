/** The server `remix dev` runs in development: reloads the build after each rebuild. */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import chokidar from "chokidar";
import { getEnv } from "#app/infra/env.server.ts";
import { createExpressApp, listen } from "./http-server.ts";

const buildPath = path.resolve("build/index.js");

async function importBuild(): Promise<ServerBuild> {
  return (await import(`${pathToFileURL(buildPath).href}?t=${Date.now()}`)) as ServerBuild;
}

let build = await importBuild();
await listen(createExpressApp({ build: async () => build, dev: true }), getEnv().PORT);
await broadcastDevReady(build);

chokidar.watch(buildPath, { ignoreInitial: true }).on("all", async () => {
  build = await importBuild();
  await broadcastDevReady(build);
});
