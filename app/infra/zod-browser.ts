import { z } from "zod";

/**
 * Zod builds fast object parsers with `new Function` when it may, deciding
 * when a schema is created. Our CSP allows no eval, so in the browser that
 * probe only logs a violation: parse without it there. Imported first by
 * app/root.tsx, so it runs before any route module creates a schema.
 */
if (typeof document !== "undefined") z.config({ jitless: true });
