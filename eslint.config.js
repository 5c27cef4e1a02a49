import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layering of docs/development.md, held by the linter so that a breach fails
 * `npm run lint` (docs/development.md, "Layers"): routes → modules → infra →
 * db. Each folder gets one no-restricted-imports rule (rules do not merge
 * across config objects, so every folder lists all of its bans).
 */
const DB = {
  regex: "^(#db/|(\\.\\./)+db/)",
  message: "Only modules (app/modules/*.server.ts) and infra read db/: go through a module.",
};
// The pure schema files re-export the stored values from their home, db/domain.ts
// (constants and types only); any other file of db/ is I/O.
const DB_EXCEPT_DOMAIN = {
  regex: "^(#db/|(\\.\\./)+db/)(?!domain\\.ts$)",
  message: "Pure files take only db/domain.ts (the stored values) of db/.",
};
const MODULES = {
  regex: "^(#app/modules/|(\\.\\./)+modules/)",
  message: "This layer sits below the modules and must not import them.",
};
const ROUTES = {
  regex: "^(#app/routes/|(\\.\\./)+routes/)",
  message: "Capabilities know no HTTP routes.",
};
const SERVER_ONLY = {
  regex: "\\.server(\\.tsx?)?$",
  message: "Pure files (schemas, rules, UI pieces) import no server code.",
};
const RESPONSES = [
  {
    name: "@remix-run/node",
    importNames: ["json", "redirect", "redirectDocument", "data"],
    message: "Modules return values or typed errors; routes build the HTTP responses.",
  },
  {
    name: "#app/infra/http.server.ts",
    importNames: ["jsonResponse"],
    message: "Modules return values or typed errors; routes build the HTTP responses.",
  },
];
const NO_RESPONSE_SYNTAX = [
  {
    selector: "NewExpression[callee.name='Response']",
    message: "Modules return values or typed errors; routes build the HTTP responses.",
  },
  {
    selector: "CallExpression[callee.object.name='Response']",
    message: "Modules return values or typed errors; routes build the HTTP responses.",
  },
];
const restrict = (patterns, paths = []) => ({
  "no-restricted-imports": ["error", { patterns, paths }],
});

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      "data/**",
      "test-data/**",
      ".cache/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  // Routes: authorize, parse, one module call, render. Data only through modules.
  { files: ["app/routes/**"], rules: restrict([DB]) },
  // UI pieces: no server code, no db, no capability (they take plain props).
  { files: ["app/components/**"], rules: restrict([DB, MODULES, SERVER_ONLY]) },
  // Infrastructure knows no capability.
  { files: ["app/infra/**"], rules: restrict([MODULES, ROUTES]) },
  // Capabilities: no routes, no HTTP responses.
  {
    files: ["app/modules/**"],
    rules: {
      ...restrict([ROUTES], RESPONSES),
      "no-restricted-syntax": ["error", ...NO_RESPONSE_SYNTAX],
    },
  },
  // Schema files and the rulebook are pure: forms, the API, the import and
  // every caller share them, so they reach no server code and no I/O; of db/
  // they take only db/domain.ts, the stored values' home.
  {
    files: [
      "app/modules/**/*-schema.ts",
      "app/modules/**/*-rules.ts",
      "app/modules/matching/interest-fit.ts",
      "app/modules/matching/fit-notes.ts",
      "app/modules/matching/reasons.ts",
    ],
    rules: {
      ...restrict(
        [
          ROUTES,
          DB_EXCEPT_DOMAIN,
          SERVER_ONLY,
          {
            regex: "^(node:|drizzle-orm|meilisearch|better-sqlite3)",
            message: "Pure files do no I/O.",
          },
        ],
        RESPONSES,
      ),
      "no-restricted-syntax": ["error", ...NO_RESPONSE_SYNTAX],
    },
  },
  // The schema stands alone: db/ imports nothing of app/ (its stored values are db/domain.ts).
  {
    files: ["db/**"],
    rules: restrict([
      {
        regex: "^(#app/|(\\.\\./)+app/)",
        message:
          "db/ imports nothing of app/: the stored values live in db/domain.ts; seeding is a script.",
      },
    ]),
  },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
);
