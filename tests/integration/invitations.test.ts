import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations, mailMessages, pilots, sessions, users } from "#db/schema.ts";
import { getSessionUser } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { hashToken, inviteUser } from "#app/modules/invitations/invitations.server.ts";
import { action as usersAction, loader as usersLoader } from "#app/routes/admin.users.tsx";
import { action as inviteAction, loader as inviteLoader } from "#app/routes/invite.$token.tsx";
import {
  BASE,
  createOrganization,
  createPilot,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

type U = Awaited<ReturnType<typeof createUser>>;
let org: { id: number; ref: string };
let admin: U;
let staff: U;

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields);
}

async function adminPost(fields: Record<string, string>, user: U = admin) {
  return signedInRequest(user.id, `${BASE}/admin/users`, {
    method: "POST",
    body: form(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
  });
}

function invitePost(token: string, fields: Record<string, string>) {
  return new Request(`${BASE}/invite/${token}`, {
    method: "POST",
    body: form(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
  });
}

async function run<T>(p: Promise<T>): Promise<Response | T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

const count = (t: typeof invitations | typeof users) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(t)
    .get()!.n;

function tokenFromMail(to: string) {
  const mail = getDb().select().from(mailMessages).where(eq(mailMessages.to, to)).all().at(-1)!;
  return /\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
}

const PASSWORD = "kalastus on kivaa joka tiistai";

beforeAll(async () => {
  prepareDatabase();
  org = createOrganization({ name: "SaimaanVirta ry" });
  admin = await createUser("admin", null);
  staff = await createUser("staff", org.id);
});

describe("invitations", () => {
  it("an admin invites; the invitee sets a password once and is signed in", async () => {
    const res = (await usersAction({
      request: await adminPost({
        intent: "invite",
        email: "Uusi.Tyontekija@Example.org",
        role: "worker",
        organizationRef: org.ref,
      }),
      params: {},
      context: {},
    })) as Response;
    expect(res.status).toBe(200);
    const token = tokenFromMail("uusi.tyontekija@example.org");
    const stored = getDb()
      .select()
      .from(invitations)
      .where(eq(invitations.email, "uusi.tyontekija@example.org"))
      .get()!;
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86400_000);

    const page = (await inviteLoader({
      request: new Request(`${BASE}/invite/${token}`),
      params: { token },
      context: {},
    })) as {
      ok: boolean;
      email: string;
    };
    expect(page).toMatchObject({ ok: true, email: "uusi.tyontekija@example.org" });

    const usersBefore = count(users);
    for (const bad of [
      { displayName: "Uusi", password: "lyhyt", confirm: "lyhyt" },
      { displayName: "Uusi", password: PASSWORD, confirm: "eri salasana tässä" },
      { displayName: "", password: PASSWORD, confirm: PASSWORD },
      { displayName: "Uusi", password: "password1234", confirm: "password1234" },
    ]) {
      const r = (await run(
        inviteAction({ request: invitePost(token, bad), params: { token }, context: {} }),
      )) as Response;
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(Object.keys((await r.json()).fieldErrors).length).toBeGreaterThan(0);
    }
    expect(count(users)).toBe(usersBefore);

    const ok = (await run(
      inviteAction({
        request: invitePost(token, {
          displayName: "Uusi Työntekijä",
          password: PASSWORD,
          confirm: PASSWORD,
        }),
        params: { token },
        context: {},
      }),
    )) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toContain("luotsi_session=");
    const created = getDb()
      .select()
      .from(users)
      .where(eq(users.email, "uusi.tyontekija@example.org"))
      .get()!;
    expect(created).toMatchObject({
      role: "worker",
      organizationId: org.id,
      displayName: "Uusi Työntekijä",
      active: true,
    });

    const again = (await run(
      inviteAction({
        request: invitePost(token, {
          displayName: "Toinen",
          password: PASSWORD,
          confirm: PASSWORD,
        }),
        params: { token },
        context: {},
      }),
    )) as Response;
    expect(again.status).toBe(410);
    expect(await again.json()).toEqual({ reason: "used" });
    expect(
      await inviteLoader({
        request: new Request(`${BASE}/invite/${token}`),
        params: { token },
        context: {},
      }),
    ).toEqual({
      ok: false,
      reason: "used",
    });
  });

  it("an expired link does not work, and a guessed one is simply invalid", async () => {
    const r = await inviteUser(
      admin,
      { email: "vanha@example.org", role: "staff", organizationRef: org.ref },
      BASE,
      {
        now: new Date(Date.now() - 8 * 86400_000),
      },
    );
    if (!r.ok) throw new Error("invite failed");
    const token = r.link.split("/").pop()!;
    expect(
      await inviteLoader({ request: new Request(r.link), params: { token }, context: {} }),
    ).toEqual({ ok: false, reason: "expired" });
    const res = (await run(
      inviteAction({
        request: invitePost(token, { displayName: "X", password: PASSWORD, confirm: PASSWORD }),
        params: { token },
        context: {},
      }),
    )) as Response;
    expect(res.status).toBe(410);
    expect(
      getDb().select().from(users).where(eq(users.email, "vanha@example.org")).get(),
    ).toBeUndefined();
    const guessed = "A".repeat(43);
    expect(
      await inviteLoader({
        request: new Request(`${BASE}/invite/${guessed}`),
        params: { token: guessed },
        context: {},
      }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("a pilot's invitation links their existing profile", async () => {
    const pilot = createPilot(org.id, { displayName: "Aino" });
    const r = await inviteUser(
      admin,
      { email: "aino@example.org", role: "pilot", organizationRef: org.ref, pilotRef: pilot.ref },
      BASE,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.fieldErrors));
    const token = r.link.split("/").pop()!;
    await run(
      inviteAction({
        request: invitePost(token, { displayName: "Aino", password: PASSWORD, confirm: PASSWORD }),
        params: { token },
        context: {},
      }),
    );
    const user = getDb().select().from(users).where(eq(users.email, "aino@example.org")).get()!;
    expect(getDb().select().from(pilots).where(eq(pilots.id, pilot.id)).get()?.userId).toBe(
      user.id,
    );
  });

  it("bad invitation input gives 400 field errors and writes nothing; only admins may invite", async () => {
    const before = count(invitations);
    const cases: [Record<string, string>, string][] = [
      [{ email: "ei-osoite", role: "staff", organizationRef: org.ref }, "email"],
      [{ email: "a@example.org", role: "admin", organizationRef: org.ref }, "role"],
      [{ email: "a@example.org", role: "staff", organizationRef: "" }, "organizationRef"],
      [{ email: "a@example.org", role: "staff", organizationRef: "org-ei-ole" }, "organizationRef"],
      [{ email: staff.email, role: "staff", organizationRef: org.ref }, "email"],
      [
        { email: "a@example.org", role: "staff", organizationRef: org.ref, pilotRef: "pilot-x" },
        "pilotRef",
      ],
      [
        {
          email: "a@example.org",
          role: "pilot",
          organizationRef: org.ref,
          pilotRef: "pilot-ei-ole",
        },
        "pilotRef",
      ],
    ];
    for (const [fields, field] of cases) {
      const res = (await usersAction({
        request: await adminPost({ intent: "invite", ...fields }),
        params: {},
        context: {},
      })) as Response;
      expect(res.status, field).toBe(400);
      expect(Object.keys((await res.json()).fieldErrors)).toContain(field);
    }
    expect(count(invitations)).toBe(before);
    const denied = await run(
      usersAction({
        request: await adminPost(
          { intent: "invite", email: "b@example.org", role: "staff", organizationRef: org.ref },
          staff,
        ),
        params: {},
        context: {},
      }),
    );
    expect((denied as Response).status).toBe(403);
    expect(
      (
        (await run(
          usersLoader({
            request: await signedInRequest(staff.id, `${BASE}/admin/users`),
            params: {},
            context: {},
          }),
        )) as Response
      ).status,
    ).toBe(403);
  });
});

describe("deactivating a user", () => {
  it("ends all their sessions at once", async () => {
    const victim = await createUser("worker", org.id);
    const r1 = await signedInRequest(victim.id, `${BASE}/dashboard`);
    const r2 = await signedInRequest(victim.id, `${BASE}/dashboard`);
    expect(await getSessionUser(r1)).toBeDefined();
    const res = (await usersAction({
      request: await adminPost({ intent: "deactivate", userId: victim.id }),
      params: {},
      context: {},
    })) as Response;
    expect(res.status).toBe(200);
    expect(await getSessionUser(r1)).toBeUndefined();
    expect(await getSessionUser(r2)).toBeUndefined();
    expect(getDb().select().from(sessions).where(eq(sessions.userId, victim.id)).all()).toEqual([]);
    expect(getDb().select().from(users).where(eq(users.id, victim.id)).get()?.active).toBe(false);
    // The admin cannot lock themself out.
    const self = (await usersAction({
      request: await adminPost({ intent: "deactivate", userId: admin.id }),
      params: {},
      context: {},
    })) as Response;
    expect(self.status).toBe(400);
    const bad = (await usersAction({
      request: await adminPost({ intent: "deactivate", userId: "not-a-uuid" }),
      params: {},
      context: {},
    })) as Response;
    expect(bad.status).toBe(400);
  });
});

describe("the development mailbox", () => {
  it("shows stored mail to admins only, and disappears when SMTP is configured", async () => {
    const { loader: mailboxLoader } = await import("#app/routes/dev.mailbox.tsx");
    const { resetEnvCache } = await import("#app/infra/env.server.ts");
    const page = (await mailboxLoader({
      request: await signedInRequest(admin.id, `${BASE}/dev/mailbox`),
      params: {},
      context: {},
    })) as {
      mails: { to: string; subject: string }[];
    };
    expect(
      page.mails.some((m) => m.to === "uusi.tyontekija@example.org" && m.subject.includes("Kutsu")),
    ).toBe(true);
    expect(
      (
        (await run(
          mailboxLoader({
            request: await signedInRequest(staff.id, `${BASE}/dev/mailbox`),
            params: {},
            context: {},
          }),
        )) as Response
      ).status,
    ).toBe(403);
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    resetEnvCache();
    try {
      expect(
        (
          (await run(
            mailboxLoader({
              request: await signedInRequest(admin.id, `${BASE}/dev/mailbox`),
              params: {},
              context: {},
            }),
          )) as Response
        ).status,
      ).toBe(404);
    } finally {
      delete process.env.SMTP_URL;
      resetEnvCache();
    }
  });
});
