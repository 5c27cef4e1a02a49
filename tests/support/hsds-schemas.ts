import fs from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * Open Referral's own HSDS 3.0 schemas (tests/fixtures/hsds-3.0, copied
 * unchanged) in ajv with every format checked (uuid, uri, email,
 * date-time). The schemas are registered under the URLs HSDS's API
 * reference uses, and each endpoint is checked against the response schema
 * that reference gives it.
 */
const DIR = path.resolve("tests/fixtures/hsds-3.0");
const BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema";
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8"));

// HSDS schemas double as Frictionless table descriptions: these are annotations, not
// assertions. Declaring them keeps ajv's strict mode on for everything else.
const ANNOTATIONS = [
  "name",
  "path",
  "constraints",
  "example",
  "core",
  "datapackage_metadata",
  "datapackage_type",
  "tabular_required",
  "order",
];

// strictTypes off: the API reference's list schemas use `properties` without `type: "object"`.
// No code optimisation: the compiled schemas inline everything (2–3 MB each), and ajv's
// optimiser then takes most of the compile time without changing what is checked.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
  code: { optimize: false },
});
addFormats.default(ajv);
ajv.addVocabulary(ANNOTATIONS);
for (const name of [
  "service",
  "service_list",
  "service_at_location",
  "service_at_location_list",
  "organization",
  "organization_list",
]) {
  ajv.addSchema(read(`compiled/${name}.json`), `${BASE}/compiled/${name}.json`);
}
for (const name of ["taxonomy", "taxonomy_term", "metadata"]) {
  ajv.addSchema(read(`schema/${name}.json`), `${BASE}/${name}.json`);
}

const openapi = read("openapi.json");
const PAGE_ID = "urn:luotsi-test:hsds-page";
ajv.addSchema(openapi.components.schemas.Page, PAGE_ID);

/** The 200 response schema HSDS's API reference gives a path, its `Page` ref made resolvable. */
function responseSchema(apiPath: string) {
  const schema = openapi.paths[apiPath].get.responses["200"].content["application/json"].schema;
  return JSON.parse(JSON.stringify(schema).replaceAll("#/components/schemas/Page", PAGE_ID));
}

const byPath = new Map<string, ValidateFunction>();

/**
 * Validates a response body for an HSDS API path such as `/services/{id}`.
 * One correction: HSDS 3.0's openapi.json gives `/service_at_locations/{id}`
 * the compiled service schema, a mistake Open Referral fixed after 3.0
 * (openreferral/specification#574); the compiled service_at_location schema
 * is the one that describes the answer.
 */
export function validateHsds(apiPath: string, body: unknown): string[] {
  let validate = byPath.get(apiPath);
  if (!validate) {
    const schema =
      apiPath === "/service_at_locations/{id}"
        ? { $ref: `${BASE}/compiled/service_at_location.json` }
        : responseSchema(apiPath);
    // A bare reference reuses the registered schema's one compiled validator.
    const ref = Object.keys(schema).length === 1 ? (schema.$ref as string | undefined) : undefined;
    validate = ref ? ajv.getSchema(ref)! : ajv.compile(schema);
    byPath.set(apiPath, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}

/** For `?full=true` lists: each item against the fully nested compiled schema. */
export function validateCompiled(name: string, body: unknown): string[] {
  const validate = ajv.getSchema(`${BASE}/compiled/${name}.json`)!;
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}

export const HSDS_PAGE_FIELDS = [
  "total_items",
  "total_pages",
  "page_number",
  "size",
  "first_page",
  "last_page",
  "empty",
  "contents",
] as const;
