import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "#app/infra/env.server.ts";

const tsx = path.resolve("node_modules/.bin/tsx");

describe("npm start / db:seed", () => {
  it("seeds demo data once; a second seed leaves the data alone", () => {
    const dataDir = path.join(getEnv().dataDir, "seed-twice");
    const env = { ...process.env, DATA_DIR: dataDir };
    const first = spawnSync(tsx, ["scripts/seed.ts"], { env, encoding: "utf8" });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain("seeded demo data");
    const second = spawnSync(tsx, ["scripts/seed.ts"], { env, encoding: "utf8" });
    expect(second.status).toBe(0);
    expect(second.stderr).toContain("not seeded again");
    // Two seeding processes one after the other: about 10 s alone, far more on a busy machine.
  }, 180_000);

  it("a second start on the same data folder says clearly that one is running", () => {
    const dataDir = path.join(getEnv().dataDir, "second-start");
    fs.mkdirSync(dataDir, { recursive: true });
    // This test process plays the running instance.
    fs.writeFileSync(
      path.join(dataDir, "luotsi.pid"),
      JSON.stringify({ pid: process.pid, url: "http://localhost:3000" }),
    );
    const r = spawnSync(tsx, ["scripts/start.ts"], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Luotsi is already running from this folder");
  });
});
