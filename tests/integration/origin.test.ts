import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { checkOrigin } from "#app/infra/http.server.ts";
import { TEST_PASSWORD, createUser, prepareDatabase } from "../factories/index.ts";
import { loadServerBuild, startApp, type RunningApp } from "./security-headers-app.ts";

let build: ServerBuild;
let app: RunningApp;
let email: string;

beforeAll(async () => {
  process.env.LOGIN_LIMIT_PER_IP = "1000";
  resetEnvCache();
  prepareDatabase();
  email = (await createUser("worker", null)).email;
  build = await loadServerBuild();
  app = await startApp(build);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function post(path: string, headers: Record<string, string>, body = "lang=sv", method = "POST") {
  return fetch(`${app.url}${path}`, {
    method,
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

describe("Origin check on every non-GET request (CSRF), through the real app", () => {
  it.each([
    ["no Origin header", {}],
    ['Origin "null" (sandboxed frame, file://)', { Origin: "null" }],
    ["another site", { Origin: "https://evil.example" }],
    ["another port of this host", { Origin: "http://127.0.0.1:1" }],
    ["https instead of http", { Origin: "https://127.0.0.1" }],
  ])("refuses a POST with %s, before any route runs", async (_what, headers) => {
    for (const path of ["/login", "/set-language", "/logout", "/"]) {
      const res = await post(path, headers);
      expect(res.status, path).toBe(403);
      expect(res.headers.get("set-cookie"), path).toBeNull();
      expect(await res.text()).toMatch(/^Forbidden/);
    }
  });

  it.each(["PUT", "PATCH", "DELETE"])("refuses %s without this site's Origin", async (method) => {
    const res = await post("/set-language", {}, "lang=sv", method);
    expect(res.status).toBe(403);
  });

  it("lets a same-origin POST through to the route", async () => {
    const res = await post("/set-language", { Origin: app.url }, form({ lang: "sv" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toContain("lang=sv");
  });

  it("does not sign anyone in from another site even with the right password", async () => {
    const body = form({ email, password: TEST_PASSWORD });
    const cross = await post("/login", { Origin: "https://evil.example" }, body);
    expect(cross.status).toBe(403);
    expect(cross.headers.get("set-cookie")).toBeNull();
    const same = await post("/login", { Origin: app.url }, body);
    expect(same.status).toBe(302);
    const cookie = same.headers.get("set-cookie")!;
    expect(cookie).toMatch(/luotsi_session=[a-z0-9]+/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
  });

  it("GET needs no Origin", async () => {
    const res = await fetch(`${app.url}/login`);
    expect(res.status).toBe(200);
  });

  it("behind a TLS proxy: checks the forwarded origin and sets Secure cookies", async () => {
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    const proxied = await startApp(build);
    try {
      const fwd = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "luotsi.example" };
      const body = form({ email, password: TEST_PASSWORD });
      const wrong = await fetch(`${proxied.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: {
          ...fwd,
          Origin: proxied.url,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body,
      });
      expect(wrong.status).toBe(403);
      const right = await fetch(`${proxied.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: {
          ...fwd,
          Origin: "https://luotsi.example",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body,
      });
      expect(right.status).toBe(302);
      expect(right.headers.get("set-cookie")).toContain("Secure");
    } finally {
      await proxied.close();
      delete process.env.TRUST_PROXY;
      resetEnvCache();
    }
  });
});

describe("checkOrigin", () => {
  const req = (method: string, headers: Record<string, string> = {}) =>
    new Request("http://localhost:3000/x", { method, headers });
  it("fails closed", () => {
    expect(checkOrigin(req("POST")).ok).toBe(false);
    expect(checkOrigin(req("POST", { Origin: "null" })).ok).toBe(false);
    expect(checkOrigin(req("POST", { Origin: "http://localhost:3000.evil.example" })).ok).toBe(
      false,
    );
    expect(checkOrigin(req("POST", { Origin: "http://localhost:3000" })).ok).toBe(true);
    expect(checkOrigin(req("GET")).ok).toBe(true);
    expect(checkOrigin(req("HEAD")).ok).toBe(true);
  });
});
