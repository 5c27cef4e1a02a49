import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "#db/schema.ts";
import { getSessionUser, hashPassword, verifyPassword } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { hasMessage } from "#app/infra/i18n/i18n.ts";
import { changePassword, setPassword } from "#app/modules/auth/password-change.server.ts";
import {
  ChangePasswordFormSchema,
  NewPasswordSchema,
  SetPasswordFormSchema,
  commonPasswords,
  validateNewPassword,
} from "#app/modules/auth/password-policy.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import {
  BASE,
  TEST_PASSWORD,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

beforeAll(() => {
  prepareDatabase();
});

describe("password policy (NIST SP 800-63B)", () => {
  it("needs at least 12 characters, counted as characters rather than bytes", () => {
    expect(validateNewPassword("kesä-ilta-1")).toEqual({ ok: false, error: "password.tooShort" });
    expect(validateNewPassword("kesä-ilta-12")).toEqual({ ok: true });
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(validateNewPassword("🐟🌲🏠🚲☕🎣🍄🌊🦆🌙🧺").ok).toBe(false);
    expect(validateNewPassword("🐟🌲🏠🚲☕🎣🍄🌊🦆🌙🧺🎻").ok).toBe(true);
  });

  it("accepts 64 characters and long passphrases, with spaces and any characters", () => {
    const phrase = "saimaan rannalla kesällä ".repeat(11);
    expect(validateNewPassword(phrase.slice(0, 64)).ok).toBe(true);
    expect(validateNewPassword("pitkä lause jossa on välilyöntejä ja ääkkösiä ".repeat(5)).ok).toBe(
      true,
    );
    expect(validateNewPassword(phrase.slice(0, 256)).ok).toBe(true);
    expect(validateNewPassword(phrase.slice(0, 257))).toEqual({
      ok: false,
      error: "password.tooLong",
    });
  });

  it("has no composition rules: lower-case letters only are fine", () => {
    expect(validateNewPassword("savolaisen hiljaiset järvet").ok).toBe(true);
    expect(validateNewPassword("onkimatolaatikko").ok).toBe(true);
  });

  it("refuses the 3,000 most common passwords, whatever their case", () => {
    const list = commonPasswords();
    expect(list.size).toBe(3000);
    for (const p of [
      "password1234",
      "qwerty123456",
      "salasana2026",
      "iloveyou1234",
      "123456789012",
    ]) {
      expect(list.has(p), p).toBe(true);
      expect(validateNewPassword(p)).toEqual({ ok: false, error: "password.common" });
      expect(validateNewPassword(p.toUpperCase())).toEqual({ ok: false, error: "password.common" });
    }
    const long = [...list].filter((p) => [...p].length >= 12);
    expect(long.length).toBeGreaterThan(100);
    for (const p of long) expect(validateNewPassword(p).ok, p).toBe(false);
  });

  it("refuses what is long enough but easy to guess: the outside probe's list", () => {
    expect(validateNewPassword(" ".repeat(12))).toEqual({ ok: false, error: "password.weak" });
    expect(validateNewPassword("aaaaaaaaaaaa")).toEqual({ ok: false, error: "password.weak" });
    expect(validateNewPassword("abcdefghijkl")).toEqual({ ok: false, error: "password.weak" });
    expect(validateNewPassword("qwertyuiopas")).toEqual({ ok: false, error: "password.weak" });
    expect(validateNewPassword("\u0000".repeat(12))).toEqual({
      ok: false,
      error: "password.control",
    });
    expect(validateNewPassword("pitkä lause\njossa rivinvaihto")).toEqual({
      ok: false,
      error: "password.control",
    });
    // Finnish, English and Swedish words with a year are weak too.
    for (const p of ["Salasana1234", "kesäloma2026", "välkommen12345", "lösenord2026!"])
      expect(validateNewPassword(p).ok, p).toBe(false);
  });

  it("refuses the demo data's published password outside the demo data", async () => {
    const { DEMO_PASSWORD } = await import("#db/seed.ts");
    expect(validateNewPassword(DEMO_PASSWORD)).toEqual({ ok: false, error: "password.common" });
    expect(validateNewPassword(DEMO_PASSWORD.toUpperCase()).ok).toBe(false);
  });

  it("names every problem with a message in the catalog", () => {
    for (const key of [
      "password.tooShort",
      "password.tooLong",
      "password.control",
      "password.common",
      "password.weak",
      "password.containsEmail",
    ])
      expect(hasMessage(key), key).toBe(true);
  });

  it("refuses the account's own email address", () => {
    expect(
      validateNewPassword("matti.meikalainen@example.fi", {
        email: "Matti.Meikalainen@example.fi",
      }),
    ).toEqual({ ok: false, error: "password.containsEmail" });
    expect(
      validateNewPassword("meikalaisenmatti", { email: "meikalaisenmatti@example.fi" }),
    ).toEqual({ ok: false, error: "password.containsEmail" });
  });

  it("gives form errors as message keys that exist in fi, sv and en", () => {
    const r = parseWith(SetPasswordFormSchema, { password: "short", confirm: "other" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors.password).toBe("password.tooShort");
    for (const key of [
      "password.tooShort",
      "password.tooLong",
      "password.common",
      "password.containsEmail",
      "password.mismatch",
    ]) {
      expect(hasMessage(key), key).toBe(true);
    }
    const mismatch = parseWith(SetPasswordFormSchema, {
      password: "a long enough phrase",
      confirm: "a long enough phrasf",
    });
    expect(mismatch.ok ? null : mismatch.fieldErrors.confirm).toBe("password.mismatch");
    expect(NewPasswordSchema.safeParse(12345).success).toBe(false);
    expect(ChangePasswordFormSchema.safeParse({}).success).toBe(false);
  });
});

describe("password hashing", () => {
  it("uses argon2id with 19 MiB memory, 2 iterations, parallelism 1", async () => {
    const h = await hashPassword("kalastusta ja saunomista");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, "kalastusta ja saunomista")).toBe(true);
    expect(await verifyPassword(h, "kalastusta ja saunomista ")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });

  it("stores only hashes for users", async () => {
    const u = await createUser("worker", null);
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    expect(u.passwordHash).not.toContain(TEST_PASSWORD);
  });
});

describe("password change", () => {
  const NEW = "kolme kuukautta kalastusta";

  it("ends every session of the account and gives the changer a fresh one", async () => {
    const u = await createUser("worker", null);
    const laptop = await signedInRequest(u.id, `${BASE}/dashboard`);
    const phone = await signedInRequest(u.id, `${BASE}/dashboard`);
    expect(await getSessionUser(laptop)).toBeDefined();
    const outcome = await changePassword(laptop, u.id, {
      currentPassword: TEST_PASSWORD,
      password: NEW,
    });
    expect(outcome.ok).toBe(true);
    expect(await getSessionUser(laptop)).toBeUndefined();
    expect(await getSessionUser(phone)).toBeUndefined();
    if (!outcome.ok) return;
    const fresh = new Request(`${BASE}/dashboard`, {
      headers: { Cookie: outcome.cookie.split(";")[0]! },
    });
    expect((await getSessionUser(fresh))?.user.id).toBe(u.id);
    const row = getDb().select().from(users).where(eq(users.id, u.id)).get()!;
    expect(await verifyPassword(row.passwordHash!, NEW)).toBe(true);
    expect(row.passwordChangedAt).toBeInstanceOf(Date);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, u.id))
      .all()
      .map((a) => a.action);
    expect(audit).toContain("user.password-change");
  });

  it("changes nothing with a wrong current password or a weak new one", async () => {
    const u = await createUser("staff", null);
    const session = await signedInRequest(u.id, `${BASE}/dashboard`);
    const wrong = await changePassword(session, u.id, { currentPassword: "nope", password: NEW });
    expect(wrong).toEqual({ ok: false, fieldErrors: { currentPassword: "login.failed" } });
    const weak = await changePassword(session, u.id, {
      currentPassword: TEST_PASSWORD,
      password: "password1234",
    });
    expect(weak).toEqual({ ok: false, fieldErrors: { password: "password.common" } });
    const own = await changePassword(session, u.id, {
      currentPassword: TEST_PASSWORD,
      password: u.email,
    });
    expect(own.ok).toBe(false);
    expect(await getSessionUser(session)).toBeDefined();
    const row = getDb().select().from(users).where(eq(users.id, u.id)).get()!;
    expect(row.passwordHash).toBe(u.passwordHash);
  });

  it("setPassword (invitation, reset) applies the policy and ends sessions", async () => {
    const u = await createUser("participant", null);
    const session = await signedInRequest(u.id, `${BASE}/dashboard`);
    expect(await setPassword(u.id, "qwerty123456", { kind: "system", name: "test" })).toEqual({
      ok: false,
      error: "password.common",
    });
    expect(await getSessionUser(session)).toBeDefined();
    expect((await setPassword(u.id, NEW, { kind: "system", name: "test" })).ok).toBe(true);
    expect(await getSessionUser(session)).toBeUndefined();
  });
});
