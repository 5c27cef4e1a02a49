import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

/** Signs in over plain HTTP, as a browser's form post would, and returns the session cookie. */
async function signInCookie(email: string) {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password: "luotsi-demo-2026" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  expect(cookie, `sign-in as ${email}`).not.toBe("");
  return cookie;
}

const SKIP =
  /^\/(logout|set-language|dev\/|privacy\/export|reports\/download|build\/|styles\/)|\.(ics|csv|xlsx|svg|png|json)$/;

/**
 * Follows every same-site link from the start page (breadth first, bounded)
 * and checks that each HTML page is valid UTF-8 without a NUL character:
 * React 18.3's streaming renderer once wrote U+0000 into multi-byte text.
 */
async function crawl(cookie: string | undefined, limit: number) {
  const seen = new Set<string>(["/"]);
  const queue = ["/"];
  const bad: string[] = [];
  let pages = 0;
  while (queue.length > 0 && pages < limit) {
    const path = queue.shift()!;
    const res = await fetch(`${baseUrl}${path}`, {
      headers: cookie ? { Cookie: cookie } : {},
      redirect: "manual",
    });
    if (!(res.headers.get("Content-Type") ?? "").startsWith("text/html")) continue;
    pages++;
    const bytes = new Uint8Array(await res.arrayBuffer());
    let html: string;
    try {
      html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      bad.push(`${path}: not valid UTF-8`);
      continue;
    }
    const nul = html.indexOf("\u0000");
    if (nul >= 0) bad.push(`${path}: U+0000 near "${html.slice(Math.max(0, nul - 20), nul + 20)}"`);
    for (const m of html.matchAll(/href="(\/[^"#]*)"/g)) {
      const next = m[1]!.replaceAll("&amp;", "&");
      if (SKIP.test(next) || seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return { pages, bad };
}

describe("every page's bytes", () => {
  it("are valid UTF-8 with no U+0000, for a visitor and a signed-in worker", async () => {
    const anonymous = await crawl(undefined, 250);
    expect(anonymous.pages).toBeGreaterThan(50);
    expect(anonymous.bad).toEqual([]);
    const worker = await crawl(await signInCookie("tyontekija@luotsi.example"), 120);
    expect(worker.pages).toBeGreaterThan(20);
    expect(worker.bad).toEqual([]);
  });
});
