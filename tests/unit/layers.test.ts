import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layering is held by ESLint (eslint.config.js): each breach the issue
 * names must fail `npm run lint`. The snippets are linted as if they lived
 * at the given paths, so the rule for that folder applies.
 */
const eslint = new ESLint();

async function rulesBroken(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId);
}

describe("layers held by ESLint", () => {
  it.each([
    [
      "a route importing db/",
      "app/routes/x.tsx",
      'import { users } from "#db/schema.ts";\nexport const x = users;\n',
    ],
    [
      "a component importing db/",
      "app/components/x.tsx",
      'import { users } from "#db/schema.ts";\nexport const x = users;\n',
    ],
    [
      "a component importing a module",
      "app/components/x.tsx",
      'import { listCaseload } from "#app/modules/participants/participants.server.ts";\nexport const x = listCaseload;\n',
    ],
    [
      "infra importing a module",
      "app/infra/x.ts",
      'import { listCaseload } from "#app/modules/participants/participants.server.ts";\nexport const x = listCaseload;\n',
    ],
    [
      "db/ importing a module's server code",
      "db/x.ts",
      'import { listCaseload } from "#app/modules/participants/participants.server.ts";\nexport const x = listCaseload;\n',
    ],
    [
      "db/ importing a module's pure schema file",
      "db/x.ts",
      'import { ROLES } from "#app/modules/auth/auth-schema.ts";\nexport const x = ROLES;\n',
    ],
    [
      "a pure schema file importing the db tables",
      "app/modules/x/x-schema.ts",
      'import { users } from "#db/schema.ts";\nexport const x = users;\n',
    ],
    [
      "a module importing a route",
      "app/modules/x/x.server.ts",
      'import { loader } from "#app/routes/worker._index.tsx";\nexport const x = loader;\n',
    ],
    [
      "a module importing the response helpers",
      "app/modules/x/x.server.ts",
      'import { redirect } from "@remix-run/node";\nexport const x = () => redirect("/");\n',
    ],
  ])(
    "%s fails the lint",
    async (_what, filePath, code) => {
      expect(await rulesBroken(filePath, code)).toContain("no-restricted-imports");
    },
    60_000,
  );

  it("a module building a Response fails the lint", async () => {
    const code = 'export const x = () => new Response("no", { status: 400 });\n';
    expect(await rulesBroken("app/modules/x/x.server.ts", code)).toContain("no-restricted-syntax");
  }, 60_000);

  it("the allowed directions pass", async () => {
    const route =
      'import { listCaseload } from "#app/modules/participants/participants.server.ts";\nexport const x = listCaseload;\n';
    expect(await rulesBroken("app/routes/x.tsx", route)).not.toContain("no-restricted-imports");
    // The stored values' home: the schema and the modules' pure schema files take them.
    const domain = 'import { ROLES } from "./domain.ts";\nexport const x = ROLES;\n';
    expect(await rulesBroken("db/x.ts", domain)).not.toContain("no-restricted-imports");
    const pure = 'import { ROLES } from "#db/domain.ts";\nexport const x = ROLES;\n';
    expect(await rulesBroken("app/modules/x/x-schema.ts", pure)).not.toContain(
      "no-restricted-imports",
    );
  }, 60_000);
});
