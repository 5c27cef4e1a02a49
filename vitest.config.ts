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
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
