import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "#app": path.resolve("app"),
      "#db": path.resolve("db"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    globalSetup: ["tests/setup/global-meili.ts"],
    setupFiles: ["tests/setup/per-file.ts"],
    pool: "forks",
    // Most tests wait on Meilisearch, child processes or argon2, not the CPU.
    maxWorkers: 3,
    testTimeout: 30_000,
    // Hooks index into Meilisearch; on a loaded 2-core machine that can take minutes.
    hookTimeout: 180_000,
    reporters: ["default"],
  },
});
