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
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/setup/global-meili.ts", "tests/setup/global-e2e.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Pages render after client-side navigation; give them time on a busy 2-core machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
