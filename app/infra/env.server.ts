import path from "node:path";
import { z } from "zod";

/**
 * Environment, parsed once. docs/interfaces.md lists the names; everything else
 * (limits, timeouts) is configuration too, so tests can set their own.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_PATH: z.string().min(1).optional(),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().min(16).optional(),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, "letters, digits, _ and - only")
    .default("luotsi_"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The site's public address (scheme, host, optional port); absolute URLs are built from it, never from the request. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((u) => new URL(u).origin)
    .optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Luotsi <no-reply@luotsi.invalid>"),
  /**
   * How many proxies stand in front of the app (Express's hop count): the
   * client's address is the one the last of them saw, never what the client
   * wrote into X-Forwarded-For. 0: none, the socket's address is the client.
   */
  TRUST_PROXY: z.coerce
    .number({ error: "TRUST_PROXY is the number of proxies in front (0, 1, 2, …)" })
    .int()
    .min(0)
    .max(10)
    .default(0),
  /**
   * Map tiles for the catalog, activity and staff maps (app/infra/map-tiles.server.ts):
   * a URL template with {z}, {x} and {y} (and optionally {s} subdomains or {r});
   * the CSP's img-src follows it. The attribution is what the tile provider's policy asks for.
   */
  MAP_TILE_URL: z
    .url({ protocol: /^https?$/ })
    .refine((u) => ["{z}", "{x}", "{y}"].every((p) => u.includes(p)), "needs {z}, {x} and {y}")
    .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_ATTRIBUTION: z.string().trim().min(1).max(200).default("© OpenStreetMap contributors"),
  MAP_TILE_ATTRIBUTION_URL: z
    .url({ protocol: /^https?$/ })
    .default("https://www.openstreetmap.org/copyright"),
  /** HTTP processes for `npm start`; unset: one per core, at most two (scripts/lib/http-cluster.ts). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(32).optional(),
  /** "off" renders every anonymous public page afresh (app/infra/page-cache.server.ts). */
  PAGE_CACHE: z.enum(["on", "off"]).default("on"),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(10).default(250),
  /** How long a write waits for another writer's lock before the request answers 503 (app/infra/db.server.ts). */
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Failed sign-ins per address and hour, across accounts (then 429 for that address). */
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(50),
  /** Failed sign-ins per (account, address) pair and hour (then 429 for that pair only). */
  LOGIN_LIMIT_PER_ACCOUNT_IP: z.coerce.number().int().min(1).default(10),
  /**
   * After 5 failures an account's attempts wait, first this long, doubling
   * with each further failure up to LOGIN_DELAY_MAX_MS (app/modules/auth/login.server.ts).
   */
  LOGIN_DELAY_BASE_MS: z.coerce.number().int().min(1).default(1000),
  LOGIN_DELAY_MAX_MS: z.coerce.number().int().min(1).default(60_000),
  INVITE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  /** Submissions of the public forms ("become a pilot", an association's application) per address and hour. */
  PUBLIC_FORM_LIMIT_PER_IP: z.coerce.number().int().min(1).default(5),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(365 * 2),
});

export type Env = z.infer<typeof EnvSchema> & { dataDir: string; databasePath: string };

/**
 * Kept on globalThis, like the other singletons: the server build and the
 * scripts that serve it (and tests that start it in-process) are separate
 * module copies but must read one environment, reset together.
 */
const store = globalThis as unknown as { __luotsiEnv?: Env };

export function getEnv(): Env {
  if (store.__luotsiEnv) return store.__luotsiEnv;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  store.__luotsiEnv = {
    ...parsed.data,
    dataDir,
    databasePath: path.resolve(parsed.data.DATABASE_PATH ?? path.join(dataDir, "luotsi.db")),
  };
  return store.__luotsiEnv;
}

/** Tests change the environment between suites. */
export function resetEnvCache() {
  store.__luotsiEnv = undefined;
}
