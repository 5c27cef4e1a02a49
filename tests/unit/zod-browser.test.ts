import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * app/infra/zod-browser.ts configures zod without importing it (so pages
 * without a browser-side form check ship no zod): it writes the object
 * zod's core reads. This holds zod to reading it, so an upgrade that moved
 * the configuration would fail here and not as a CSP violation in browsers.
 */
describe("zod in the browser", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("is jitless before any schema parses, and never probes with new Function", async () => {
    vi.stubGlobal("document", {});
    await import("#app/infra/zod-browser.ts");
    const { z } = await import("zod");
    expect(z.config().jitless).toBe(true);
    const probe = vi.spyOn(globalThis, "Function");
    const schema = z.object({ name: z.string().min(1), age: z.number().int().optional() });
    expect(schema.parse({ name: "Aino", age: 30 })).toEqual({ name: "Aino", age: 30 });
    expect(schema.safeParse({ name: "" }).success).toBe(false);
    expect(probe).not.toHaveBeenCalled();
  });
});
