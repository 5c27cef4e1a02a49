/**
 * Zod builds fast object parsers with `new Function` when it may. Our CSP
 * allows no eval, so in the browser that probe only logs a violation: parse
 * without it there (zod's `jitless`). Imported first by app/root.tsx, so it
 * runs before any route module loads zod.
 *
 * This sets the configuration object zod's core reads and shares between
 * its copies (`globalThis.__zod_globalConfig`, what `z.config()` writes to)
 * instead of importing zod: importing it here would ship all of zod to every
 * page, where now only pages whose forms check in the browser load it.
 * tests/unit/zod-browser.test.ts holds zod to reading it.
 */
type ZodGlobal = { __zod_globalConfig?: Record<string, unknown> };

if (typeof document !== "undefined") {
  const g = globalThis as ZodGlobal;
  g.__zod_globalConfig = Object.assign(g.__zod_globalConfig ?? {}, { jitless: true });
}
export {};
