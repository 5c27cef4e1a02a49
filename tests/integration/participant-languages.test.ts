import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { mailMessages, participants } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getLang, getLocale } from "#app/infra/i18n/lang.server.ts";
// The invitation lives on the participant's privacy page (nested route, issue #12).
import { action as privacyAction } from "#app/routes/participants.$ref.privacy.tsx";
import { action as newAction } from "#app/routes/participants.new.tsx";
import { action as inviteAction, loader as inviteLoader } from "#app/routes/invite.$token.tsx";
import { action as setLanguage } from "#app/routes/set-language.tsx";
import {
  BASE,
  callRoute,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

type User = Awaited<ReturnType<typeof createUser>>;
let worker: User;

beforeAll(async () => {
  prepareDatabase();
  const org = createOrganization({ name: "Kotoutumisyhdistys ry" });
  worker = await createUser("worker", org.id);
});

async function createParticipant(languages: string[]) {
  const fields = new URLSearchParams({
    nickname: "Olena",
    municipality: "Parikkala",
    gender: "female",
    interests: "käsityöt",
    consentGiven: "on",
  });
  for (const l of languages) fields.append("languages", l);
  const created = (await newAction({
    request: await signedInRequest(worker.id, `${BASE}/participants/new`, {
      method: "POST",
      body: fields,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    }),
    params: {},
    context: {},
  })) as Response;
  expect(created.status).toBe(302);
  return getDb().select().from(participants).orderBy(participants.id).all().at(-1)!;
}

function request(url: string, headers: Record<string, string> = {}) {
  return new Request(url, { headers });
}

describe("the locale of a request (ADR 017)", () => {
  it("comes from the address, then the cookie, then the browser, then Finnish", () => {
    expect(getLocale(request(`${BASE}/?lang=uk`, { Cookie: "luotsi_lang=sv" }))).toBe("uk");
    expect(getLocale(request(`${BASE}/`, { Cookie: "luotsi_lang=fi-x-selko" }))).toBe("fi-x-selko");
    expect(getLocale(request(`${BASE}/`, { "Accept-Language": "so-SO,so;q=0.9,en;q=0.5" }))).toBe(
      "so",
    );
    expect(getLocale(request(`${BASE}/?lang=xx`, { "Accept-Language": "de, ar;q=0.5" }))).toBe(
      "ar",
    );
    expect(getLocale(request(`${BASE}/`))).toBe("fi");
  });

  it("falls back to fi, sv or en on professional screens", () => {
    expect(getLang(request(`${BASE}/?lang=uk`))).toBe("en");
    expect(getLang(request(`${BASE}/`, { Cookie: "luotsi_lang=sv-x-lattlast" }))).toBe("sv");
    // A browser asking for Russian and then Finnish gets Finnish on a professional screen.
    expect(getLang(request(`${BASE}/`, { "Accept-Language": "ru, fi;q=0.8" }))).toBe("fi");
    expect(getLocale(request(`${BASE}/`, { "Accept-Language": "ru, fi;q=0.8" }))).toBe("ru");
  });

  it("is chosen with the switch, which keeps a page's own address in step", async () => {
    const post = (fields: Record<string, string>) =>
      setLanguage({
        request: new Request(`${BASE}/set-language`, {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
        params: {},
        context: {},
      });
    const named = (await post({ lang: "ar", redirectTo: "/activities/act-1?lang=uk" })) as Response;
    expect(named.status).toBe(302);
    expect(named.headers.get("Location")).toBe("/activities/act-1?lang=ar");
    expect(named.headers.get("Set-Cookie")).toContain("luotsi_lang=ar");
    const plain = (await post({ lang: "fi-x-selko", redirectTo: "/?q=kala" })) as Response;
    expect(plain.headers.get("Location")).toBe("/?q=kala");
    expect(plain.headers.get("Set-Cookie")).toContain("luotsi_lang=fi-x-selko");
    const bad = (await post({ lang: "xx", redirectTo: "/" })) as Response;
    expect(bad.status).toBe(400);
    const offsite = (await post({ lang: "so", redirectTo: "//evil.example/" })) as Response;
    expect(offsite.headers.get("Location")).toBe("/");
  });
});

describe("a participant's invitation in the language the worker picks", () => {
  it("mails the invitation in Arabic; the link opens the pages in Arabic and the account keeps it", async () => {
    const p = await createParticipant(["ar", "fi"]);
    const invited = await callRoute(
      privacyAction,
      worker.id,
      `${BASE}/participants/${p.ref}/privacy`,
      { ref: p.ref },
      { intent: "invite", email: "olena@test.example", language: "ar" },
    );
    expect(invited.status).toBe(200);
    const mail = getDb()
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "olena@test.example"))
      .get()!;
    expect(mail.subject).toBe("دعوة إلى Luotsi");
    expect(mail.text).toContain("لقد تمت دعوتك إلى Luotsi");
    // Nothing of the other languages: the participant reads one.
    expect(mail.text).not.toMatch(/Sinut on kutsuttu|You have been invited/);
    const link = /(https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}\?lang=ar)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeDefined();
    const url = new URL(link!);
    const token = url.pathname.split("/").pop()!;

    const page = await inviteLoader({
      request: new Request(link!),
      params: { token },
      context: {},
    });
    expect(page).toMatchObject({ ok: true, role: "participant" });
    expect(getLocale(new Request(link!))).toBe("ar");

    let accepted: Response;
    try {
      accepted = (await inviteAction({
        request: new Request(link!, {
          method: "POST",
          body: new URLSearchParams({
            displayName: "Olena",
            password: "kaikki kalat ovat järvessä 2026",
            confirm: "kaikki kalat ovat järvessä 2026",
          }),
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
        }),
        params: { token },
        context: {},
      })) as Response;
    } catch (e) {
      accepted = e as Response;
    }
    expect(accepted.status).toBe(302);
    const cookies = accepted.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith("luotsi_lang=ar;"))).toBe(true);
    expect(cookies.some((c) => c.startsWith("luotsi_session="))).toBe(true);
  });

  it("starts from the participant's first language Luotsi speaks, and refuses one it does not", async () => {
    const p = await createParticipant(["so"]);
    const bad = await callRoute(
      privacyAction,
      worker.id,
      `${BASE}/participants/${p.ref}/privacy`,
      { ref: p.ref },
      { intent: "invite", email: "cali@test.example", language: "de" },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toMatchObject({ language: "participants.error.inviteLanguage" });
    const ok = await callRoute(
      privacyAction,
      worker.id,
      `${BASE}/participants/${p.ref}/privacy`,
      { ref: p.ref },
      { intent: "invite", email: "cali@test.example", language: "fi-x-selko" },
    );
    expect(ok.status).toBe(200);
    const mail = getDb()
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "cali@test.example"))
      .get()!;
    // Plain Finnish: short lines, one thing on each.
    expect(mail.text).toContain("Linkki toimii 14 päivää.");
    expect(mail.text).toMatch(/\/invite\/[A-Za-z0-9_-]{43}\?lang=fi-x-selko/);
  });
});
