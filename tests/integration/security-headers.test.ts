import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { createOrganization, createActivity, prepareDatabase } from "../factories/index.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

let build: ServerBuild;
let app: RunningApp;
let activityRef: string;

beforeAll(async () => {
  prepareDatabase();
  const org = createOrganization();
  activityRef = createActivity(org.id).ref;
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

function directives(csp: string) {
  return new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );
}

describe("security headers on every response of the real app", () => {
  it.each(["/", "/login", "/privacy", "/no-such-page"])("%s carries the headers", async (p) => {
    const res = await fetch(`${app.url}${p}`, { redirect: "manual" });
    expect(res.status).toBeLessThan(500);
    const csp = res.headers.get("content-security-policy") ?? "";
    const d = directives(csp);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    // Scripts only from this site or with this response's nonce: no 'unsafe-inline'.
    expect(d.get("script-src")?.[0]).toBe("'self'");
    expect(d.get("script-src")?.[1]).toMatch(/^'nonce-[A-Za-z0-9+/=]{16,}'$/);
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-powered-by")).toBeNull();
    // Plain http (development, tests): no HSTS, it would pin localhost to https.
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("gives every inline script the response's own nonce, a new one each time", async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${app.url}/activities/${activityRef}`);
      expect(res.status).toBe(200);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1]!;
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attrs of scripts) {
        if (/\bsrc=/.test(attrs)) continue;
        expect(attrs).toContain(`nonce="${nonce}"`);
      }
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("static files carry the headers too", async () => {
    const res = await fetch(`${app.url}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("pages link their stylesheet and icons as content-hashed files cached for a year", async () => {
    const html = await (await fetch(`${app.url}/`)).text();
    const hrefs = [
      ...html.matchAll(/<link rel="(?:stylesheet|icon|apple-touch-icon)"[^>]*href="([^"]+)"/g),
    ].map((m) => m[1]!);
    const logo = /<img src="([^"]+\.svg)"/.exec(html)?.[1];
    expect(hrefs.length).toBeGreaterThanOrEqual(4);
    for (const href of [...hrefs, logo!]) {
      expect(href).toMatch(/^\/build\/.+-[A-Z0-9]{8}\.(css|svg|png)$/);
      const res = await fetch(`${app.url}${href}`);
      expect(res.status, href).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    }
  });

  it("sends HSTS in production behind a TLS proxy only", async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, TRUST_PROXY: process.env.TRUST_PROXY };
    process.env.NODE_ENV = "production";
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    const prod = await startApp(build);
    try {
      const res = await fetch(`${prod.url}/`, {
        headers: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "luotsi.example" },
      });
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{8,}/);
      const plain = await fetch(`${prod.url}/`);
      expect(plain.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await prod.close();
      process.env.NODE_ENV = saved.NODE_ENV;
      if (saved.TRUST_PROXY === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = saved.TRUST_PROXY;
      resetEnvCache();
    }
  });
});

describe("dependencies", () => {
  it("uses @remix-run/* 2.17.3 or later (CSRF advisory for document POSTs)", () => {
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    const remix = Object.entries(all).filter(([name]) => name.startsWith("@remix-run/"));
    expect(remix.length).toBeGreaterThanOrEqual(4);
    const atLeast = (v: string) => {
      const [maj, min, patch] = v
        .replace(/^[^\d]*/, "")
        .split(".")
        .map(Number) as number[];
      return maj! > 2 || (maj === 2 && (min! > 17 || (min === 17 && patch! >= 3)));
    };
    for (const [name, range] of remix) {
      expect(atLeast(range), `${name}@${range} in package.json`).toBe(true);
      const installed = JSON.parse(
        fs.readFileSync(path.join("node_modules", name, "package.json"), "utf8"),
      ) as { version: string };
      expect(atLeast(installed.version), `${name}@${installed.version} installed`).toBe(true);
    }
  });
});
