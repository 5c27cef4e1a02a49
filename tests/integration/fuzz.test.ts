import fs from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { ActivityInputSchema } from "#app/modules/catalog/activity-schema.ts";
import { CatalogSearchSchema } from "#app/modules/catalog/catalog-search-schema.ts";
import { importData, validateImport } from "#app/modules/import/import.server.ts";
import {
  validateNewPassword,
  NewPasswordSchema,
} from "#app/modules/auth/password-policy.server.ts";
import { drainOutbox, ensureIndexes } from "#app/modules/search/sync.server.ts";
import { loader as catalogLoader } from "#app/routes/_index.tsx";
import { action as loginAction } from "#app/routes/login.tsx";
import { action as setLanguageAction } from "#app/routes/set-language.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
  system,
} from "../factories/index.ts";

/**
 * Property-based bad input: at least 10,000 generated inputs across the
 * forms, the API and the import. Nothing may throw or answer 5xx, a rejected
 * input writes nothing, and every rejection names what was wrong.
 */
let total = 0;
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const run = (runs: number) => {
  total += runs;
  return { numRuns: runs, seed: SEED, endOnFailure: true };
};

const TABLES = [
  "organizations",
  "activities",
  "pilots",
  "participants",
  "path_steps",
  "sessions",
  "search_outbox",
  "users",
];
function rowCounts() {
  return Object.fromEntries(
    TABLES.map((t) => [t, getDb().$client.prepare(`select count(*) from ${t}`).pluck().get()]),
  ) as Record<string, number>;
}

async function responseOf(fn: () => unknown): Promise<Response> {
  try {
    const value = await fn();
    if (value instanceof Response) return value;
    return Response.json(value ?? null);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

async function expectClearRejection(res: Response) {
  expect(res.status).toBeLessThan(500);
  if (res.status === 400 && res.headers.get("Content-Type")?.includes("json")) {
    const body = (await res.json()) as {
      fieldErrors?: Record<string, unknown>;
      formError?: unknown;
    };
    const messages = [...Object.values(body.fieldErrors ?? {}), body.formError].filter(Boolean);
    expect(messages.length, JSON.stringify(body)).toBeGreaterThan(0);
    for (const m of messages) expect(typeof m === "string" && m.length > 0).toBe(true);
  }
}

// Strings that break naive code: control characters, huge, unicode, injections.
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "'; drop table activities; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "NaN",
    "-1",
    "1e309",
    "99999999999999999999",
    "x".repeat(5000),
    "😀".repeat(300),
    "kalastus",
    "Parikkala",
    "open",
    "fi",
  ),
);
const formFields = (keys: string[]) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })), nasty), {
    maxLength: 14,
  });
const toBody = (pairs: [string, string][]) => {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v);
  return p.toString();
};
const formRequest = async (url: string, pairs: [string, string][], userId?: string) => {
  const init = {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: toBody(pairs),
  };
  return userId
    ? signedInRequest(userId, `${BASE}${url}`, init)
    : new Request(`${BASE}${url}`, init);
};

let org: { id: number; ref: string };

beforeAll(async () => {
  prepareDatabase();
  await ensureIndexes(getMeili()!);
  org = createOrganization();
  for (let i = 0; i < 20; i++) createActivity(org.id, { title: `Ryhmä ${i}` });
  await drainOutbox();
}, 60_000);

afterAll(() => {
  console.info(`fuzz: ${total} generated inputs (seed ${SEED})`);
});

describe("fuzz: public catalog query string", () => {
  it("answers 200 or 400 with field errors, never throws", async () => {
    await fc.assert(
      fc.asyncProperty(
        formFields([
          "q",
          "municipality",
          "kind",
          "language",
          "weekday",
          "flag",
          "age",
          "near",
          "page",
        ]),
        async (pairs) => {
          const res = await responseOf(() =>
            catalogLoader({
              request: new Request(`${BASE}/?${toBody(pairs)}`),
              params: {},
              context: {},
            }),
          );
          expect([200, 400]).toContain(res.status);
          if (res.status === 400) {
            const body = (await res.json()) as { fieldErrors: Record<string, string> };
            expect(Object.keys(body.fieldErrors).length).toBeGreaterThan(0);
          }
        },
      ),
      run(1500),
    );
  }, 120_000);

  it("the schema never throws on any value", () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(() => CatalogSearchSchema.safeParse(v)).not.toThrow();
      }),
      run(1000),
    );
  });
});

describe("fuzz: sign-in and language forms", () => {
  it("sign-in: 400/429 with a clear error, no session ever created", async () => {
    const before = rowCounts().sessions;
    await fc.assert(
      fc.asyncProperty(
        formFields(["email", "password", "redirectTo", "website"]),
        fc.constantFrom("10.7.0.1", "10.7.0.2"),
        async (pairs, ip) => {
          const res = await responseOf(async () =>
            loginAction({
              request: await formRequest("/login", pairs),
              params: {},
              context: { clientIp: ip },
            }),
          );
          expect([400, 429]).toContain(res.status);
          await expectClearRejection(res);
        },
      ),
      run(1000),
    );
    expect(rowCounts().sessions).toBe(before);
  }, 120_000);

  it("set-language: a redirect to this site, or 400", async () => {
    await fc.assert(
      fc.asyncProperty(formFields(["lang", "redirectTo"]), async (pairs) => {
        const res = await responseOf(async () =>
          setLanguageAction({
            request: await formRequest("/set-language", pairs),
            params: {},
            context: {},
          }),
        );
        expect([302, 400]).toContain(res.status);
        if (res.status === 302) expect(res.headers.get("Location")).toMatch(/^\/(?![/\\])/);
        else await expectClearRejection(res);
      }),
      run(1000),
    );
  }, 120_000);
});

describe("fuzz: activity schema and password policy", () => {
  const activityLike = fc.record(
    {
      title: nasty,
      description: fc.oneof(nasty, fc.constant(null)),
      interests: fc.oneof(fc.array(nasty, { maxLength: 5 }), fc.anything()),
      kind: fc.oneof(fc.constantFrom("group", "sport", "bogus"), nasty),
      municipality: fc.oneof(fc.constantFrom("Parikkala", "Vasa", "Nowhere"), nasty),
      languages: fc.oneof(
        fc.array(fc.constantFrom("fi", "sv", "xx", ""), { maxLength: 4 }),
        fc.anything(),
      ),
      schedule: fc.array(
        fc.record({
          weekday: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.anything()),
          start: fc.oneof(fc.constantFrom("17:00", "25:00", "7:00"), nasty),
          end: fc.oneof(fc.constantFrom("19:00", "16:00"), nasty),
        }),
        { maxLength: 4 },
      ),
      threshold: fc.anything(),
      minAge: fc.oneof(fc.integer({ min: -5, max: 130 }), fc.anything()),
      maxAge: fc.oneof(fc.integer({ min: -5, max: 130 }), fc.anything()),
      capacity: fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.anything()),
      enrolled: fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.anything()),
      status: fc.oneof(fc.constantFrom("open", "paused", "closed"), nasty),
    },
    { requiredKeys: [] },
  );

  it("the activity schema returns field errors, never throws", () => {
    fc.assert(
      fc.property(fc.oneof(activityLike, fc.anything()), (v) => {
        const r = ActivityInputSchema.safeParse(v);
        if (!r.success) {
          expect(r.error.issues.length).toBeGreaterThan(0);
          for (const i of r.error.issues) expect(i.message.length).toBeGreaterThan(0);
        }
      }),
      run(2500),
    );
  });

  it("the password policy accepts or names the rule, never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: "grapheme", maxLength: 80 }),
          nasty,
        ),
        fc.option(fc.emailAddress()),
        (password, email) => {
          const r = validateNewPassword(password, { email });
          expect(r.ok || /^password\./.test(r.error)).toBe(true);
          expect(NewPasswordSchema.safeParse(password).success).toBe(
            r.ok || r.error === "password.containsEmail",
          );
        },
      ),
      run(1500),
    );
  });
});

describe("fuzz: import", () => {
  const sample = JSON.parse(fs.readFileSync("examples/import-sample.json", "utf8")) as Record<
    string,
    unknown[]
  >;

  /** A valid file with one thing broken: close to real mistakes. */
  const mutated = fc
    .tuple(
      fc.constantFrom("organizations", "activities", "pilots", "participants"),
      fc.nat(),
      fc.string({ maxLength: 15 }),
      fc.anything(),
    )
    .map(([kind, i, key, value]) => {
      const copy = structuredClone(sample);
      const list = copy[kind];
      if (!list || list.length === 0) return copy;
      const record = list[i % list.length] as Record<string, unknown>;
      const keys = Object.keys(record);
      const k = key.length % 3 === 0 ? key : keys[key.length % keys.length]!;
      record[k] = value;
      return copy;
    });

  it("validateImport reports issues for any JSON, never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), mutated), (raw) => {
        const r = validateImport(raw);
        for (const issue of r.issues) {
          expect(issue.message.length).toBeGreaterThan(0);
          expect(typeof issue.path).toBe("string");
        }
      }),
      run(1500),
    );
  });

  it("importData writes everything or nothing", () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.anything()), (raw) => {
        const before = rowCounts();
        const r = importData(raw, system);
        const after = rowCounts();
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          expect(after).toEqual(before);
        }
      }),
      run(400),
    );
  }, 120_000);
});

describe("fuzz: the suggestions API and professional forms", () => {
  it("suggestions API: 200/400/404 JSON, never 5xx", async () => {
    const mod = (await import("#app/routes/api.v1.participants.$ref.suggestions.ts")) as {
      loader: (a: {
        request: Request;
        params: Record<string, string>;
        context: unknown;
      }) => unknown;
    };
    const worker = await createUser("worker", org.id);
    await fc.assert(
      fc.asyncProperty(nasty, formFields(["limit", "lang"]), async (ref, pairs) => {
        const request = await signedInRequest(
          worker.id,
          `${BASE}/api/v1/participants/x/suggestions?${toBody(pairs)}`,
        );
        const res = await responseOf(() => mod.loader({ request, params: { ref }, context: {} }));
        expect([200, 400, 404]).toContain(res.status);
        expect(res.headers.get("Content-Type")).toMatch(/json/);
      }),
      run(300),
    );
  }, 120_000);

  it.each([
    ["staff.activities.new.tsx", "staff", "activities"],
    ["participants.new.tsx", "worker", "participants"],
  ] as const)(
    "%s: 400 with field errors and nothing written, or one record",
    async (file, role, table) => {
      const mod = (await import(`#app/routes/${file}`)) as {
        action: (a: {
          request: Request;
          params: Record<string, string>;
          context: unknown;
        }) => unknown;
      };
      const user = await createUser(role, org.id);
      await fc.assert(
        fc.asyncProperty(
          formFields([
            "title",
            "description",
            "kind",
            "municipality",
            "languages",
            "interests",
            "status",
            "capacity",
            "enrolled",
            "minAge",
            "maxAge",
            "schedule.0.weekday",
            "schedule.0.start",
            "schedule.0.end",
            "gender",
            "birthYear",
            "interestText",
            "notes",
            "wantsPilot",
            "consent",
            "intent",
          ]),
          async (pairs) => {
            const before = rowCounts();
            const res = await responseOf(async () =>
              mod.action({
                request: await formRequest(`/${file}`, pairs, user.id),
                params: {},
                context: {},
              }),
            );
            const after = rowCounts();
            if (res.status >= 300 && res.status < 400) {
              expect(after[table]).toBe(before[table]! + 1);
            } else {
              expect(res.status).toBe(400);
              await expectClearRejection(res);
              expect({ ...after, sessions: 0 }).toEqual({ ...before, sessions: 0 });
            }
          },
        ),
        run(400),
      );
    },
    120_000,
  );
});

describe("fuzz: total", () => {
  it("sent at least 10,000 generated inputs", () => {
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});
