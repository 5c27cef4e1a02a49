import { beforeAll, describe, expect, it } from "vitest";
import { getOptionalUser, requireRole } from "#app/infra/auth.server.ts";
import { resetEnvCache } from "#app/infra/env.server.ts";
import { checkOrigin } from "#app/infra/http.server.ts";
import { action as loginAction } from "#app/routes/login.tsx";
import { action as logoutAction } from "#app/routes/logout.tsx";
import { loader as adminLoader } from "#app/routes/admin._index.tsx";
import {
  BASE,
  TEST_PASSWORD,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

let email: string;
let userId: string;

beforeAll(async () => {
  prepareDatabase();
  const org = createOrganization();
  const user = await createUser("worker", org.id);
  email = user.email;
  userId = user.id;
});

function loginRequest(
  fields: Record<string, string>,
  url = `${BASE}/login`,
  headers: Record<string, string> = {},
) {
  return new Request(url, { method: "POST", body: new URLSearchParams(fields), headers });
}

const ctx = { clientIp: "203.0.113.7" };

describe("sign-in", () => {
  it("signs in with email and password and sets an httpOnly, SameSite=Lax cookie (not Secure over http)", async () => {
    const res = (await loginAction({
      request: loginRequest({ email: email.toUpperCase(), password: TEST_PASSWORD }),
      params: {},
      context: ctx,
    })) as Response;
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("luotsi_session="))!;
    expect(cookie).toMatch(/^luotsi_session=\w+; Path=\/; HttpOnly; SameSite=Lax$/);
    const user = await getOptionalUser(
      new Request(BASE, { headers: { Cookie: cookie.split(";")[0]! } }),
    );
    expect(user?.id).toBe(userId);
  });

  it("marks the cookie Secure over https, and behind a trusted proxy", async () => {
    const direct = (await loginAction({
      request: loginRequest({ email, password: TEST_PASSWORD }, "https://luotsi.example/login"),
      params: {},
      context: ctx,
    })) as Response;
    expect(direct.headers.get("Set-Cookie")).toContain("Secure");
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    const proxied = (await loginAction({
      request: loginRequest({ email, password: TEST_PASSWORD }, `${BASE}/login`, {
        "X-Forwarded-Proto": "https",
      }),
      params: {},
      context: ctx,
    })) as Response;
    expect(proxied.headers.get("Set-Cookie")).toContain("Secure");
    process.env.TRUST_PROXY = "0";
    resetEnvCache();
  });

  it("gives the same generic error for an unknown email and a wrong password", async () => {
    const unknown = (await loginAction({
      request: loginRequest({ email: "nobody@test.example", password: "whatever password" }),
      params: {},
      context: ctx,
    })) as Response;
    const wrong = (await loginAction({
      request: loginRequest({ email, password: "not the password" }),
      params: {},
      context: ctx,
    })) as Response;
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it("answers field errors for malformed input", async () => {
    const res = (await loginAction({
      request: loginRequest({ email: "not-an-email", password: "" }),
      params: {},
      context: ctx,
    })) as Response;
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["email", "password"]);
  });

  it("signs out: the session no longer works", async () => {
    const request = await signedInRequest(userId, `${BASE}/logout`, { method: "POST" });
    const res = (await logoutAction({ request, params: {}, context: ctx })) as Response;
    expect(res.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(await getOptionalUser(request)).toBeUndefined();
  });

  it("sign-out and sign-in clear the browsing cookie (a participant's ref); it is Secure over https", async () => {
    const request = await signedInRequest(userId, `${BASE}/logout`, {
      method: "POST",
      headers: { Cookie: "luotsi_browsing=p-0001" },
    });
    const out = (await logoutAction({ request, params: {}, context: ctx })) as Response;
    expect(out.headers.getSetCookie()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^luotsi_browsing=; .*Max-Age=0/)]),
    );
    const signIn = (await loginAction({
      request: loginRequest({ email, password: TEST_PASSWORD }, "https://luotsi.example/login"),
      params: {},
      context: ctx,
    })) as Response;
    const cookies = signIn.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("luotsi_browsing="))).toMatch(/Max-Age=0.*Secure/);
    const { browsingCookie } = await import("#app/modules/participants/shortlist.server.ts");
    expect(browsingCookie(new Request("https://luotsi.example/"), "p-1")).toContain("Secure");
    expect(browsingCookie(new Request("http://localhost:3000/"), "p-1")).not.toContain("Secure");
  });

  it("requireRole keeps other roles out of the coordinator's pages", async () => {
    const request = await signedInRequest(userId, `${BASE}/admin`);
    await expect(adminLoader({ request, params: {}, context: {} })).rejects.toMatchObject({
      status: 403,
    });
    await expect(requireRole(new Request(`${BASE}/admin`), ["admin"])).rejects.toMatchObject({
      status: 302,
    });
  });
});

describe("Origin check", () => {
  const post = (headers: Record<string, string>) =>
    new Request(`${BASE}/login`, { method: "POST", headers });
  it("lets same-origin non-GETs through and fails closed otherwise", () => {
    expect(checkOrigin(post({ Origin: BASE })).ok).toBe(true);
    expect(checkOrigin(post({})).ok).toBe(false);
    expect(checkOrigin(post({ Origin: "null" })).ok).toBe(false);
    expect(checkOrigin(post({ Origin: "https://evil.example" })).ok).toBe(false);
    expect(checkOrigin(new Request(BASE)).ok).toBe(true);
  });
});

describe("language switch", () => {
  it("sets the language cookie and refuses unknown languages with a field error", async () => {
    const { action } = await import("#app/routes/set-language.tsx");
    const ok = (await action({
      request: new Request(`${BASE}/set-language`, {
        method: "POST",
        body: new URLSearchParams({ lang: "sv", redirectTo: "/activities/x" }),
      }),
      params: {},
      context: {},
    })) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/activities/x");
    expect(ok.headers.get("Set-Cookie")).toContain("luotsi_lang=sv");
    const bad = (await action({
      request: new Request(`${BASE}/set-language`, {
        method: "POST",
        body: new URLSearchParams({ lang: "de" }),
      }),
      params: {},
      context: {},
    })) as Response;
    expect(bad.status).toBe(400);
    const offsite = (await action({
      request: new Request(`${BASE}/set-language`, {
        method: "POST",
        body: new URLSearchParams({ lang: "fi", redirectTo: "//evil.example" }),
      }),
      params: {},
      context: {},
    })) as Response;
    expect(offsite.headers.get("Location")).toBe("/");
  });
});

describe("password change page", () => {
  it("changes the password, ends other sessions, and refuses bad input with field errors", async () => {
    const { action } = await import("#app/routes/account.password.tsx");
    const org = createOrganization();
    const user = await createUser("staff", org.id);
    const other = await signedInRequest(user.id, `${BASE}/staff`);
    const post = async (fields: Record<string, string>) =>
      (await action({
        request: await signedInRequest(user.id, `${BASE}/account/password`, {
          method: "POST",
          body: new URLSearchParams(fields),
        }),
        params: {},
        context: {},
      })) as Response;
    const wrong = await post({
      currentPassword: "nope",
      password: "a fine new passphrase",
      confirm: "a fine new passphrase",
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).fieldErrors.currentPassword).toBe("account.password.wrong");
    const short = await post({
      currentPassword: TEST_PASSWORD,
      password: "short",
      confirm: "short",
    });
    expect(short.status).toBe(400);
    expect((await short.json()).fieldErrors.password).toBeDefined();
    const common = await post({
      currentPassword: TEST_PASSWORD,
      password: "password1234",
      confirm: "password1234",
    });
    expect(common.status).toBe(400);
    const ok = await post({
      currentPassword: TEST_PASSWORD,
      password: "a fine new passphrase",
      confirm: "a fine new passphrase",
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Set-Cookie")).toContain("luotsi_session=");
    expect(await getOptionalUser(other)).toBeUndefined();
  });
});
