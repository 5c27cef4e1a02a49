import { HSDS_DEFAULT_PER_PAGE, HSDS_MAX_PER_PAGE } from "./hsds-schema.ts";

const COMPILED = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled";
const SCHEMA = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema";

const param = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

const PAGING = [
  param("page", "Page number, from 1.", { type: "integer", minimum: 1, default: 1 }),
  param("per_page", `Results per page, at most ${HSDS_MAX_PER_PAGE}.`, {
    type: "integer",
    minimum: 1,
    maximum: HSDS_MAX_PER_PAGE,
    default: HSDS_DEFAULT_PER_PAGE,
  }),
  param("format", "Only `json` is served.", { type: "string", enum: ["json"] }),
  param("search", "Words that must all occur (title, description, interests).", {
    type: "string",
    maxLength: 200,
  }),
  param(
    "lang",
    "Luotsi extension: the language of the texts Luotsi itself writes (taxonomy terms, derived descriptions, language names). Activity texts stay as their organisers wrote them.",
    { type: "string", enum: ["fi", "sv", "en"], default: "fi" },
  ),
];
const UUID = { type: "string", format: "uuid" };
const BOOL = { type: "boolean" };
const SERVICE_FILTERS = [
  param("taxonomy_term_id", "Services with this taxonomy term.", UUID),
  param("taxonomy_id", "Services with any term of this taxonomy.", UUID),
  param("organization_id", "Services of this organization.", UUID),
  param("modified_after", "Services changed on or after this date or date-time (ISO 8601).", {
    type: "string",
  }),
  param("full", "Fully nested objects instead of one-to-one fields.", BOOL),
];
const ID = {
  in: "path",
  name: "id",
  required: true,
  schema: UUID,
};
const ERRORS = {
  "400": { $ref: "#/components/responses/BadRequest" },
};
const NOT_FOUND = { "404": { $ref: "#/components/responses/NotFound" } };

const json = (schema: Record<string, unknown>, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const pageOf = (items: string) => ({
  allOf: [{ $ref: "#/components/schemas/Page" }],
  properties: { contents: { type: "array", items: { $ref: items } } },
});

/**
 * Luotsi's OpenAPI document for its HSDS 3.0 API: Open Referral's API
 * reference (schema/openapi.json) narrowed to what is served, with the
 * parameters and error answers as implemented. Served at
 * `/api/hsds/openapi.json` and named by the `/` endpoint's `openapi_url`.
 */
export function hsdsOpenApi(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Luotsi open data (HSDS 3.0)",
      version: "1.0.0",
      summary: "Open low-threshold activities in Finland as Open Referral HSDS 3.0",
      description:
        "Every open activity published on Luotsi as an HSDS service with its organization, location, weekly schedule, languages, cost and low-threshold attributes. Public data only. Read-only, no authentication.",
      license: { name: "CC BY 4.0", identifier: "CC-BY-4.0" },
    },
    servers: [{ url: serverUrl }],
    paths: {
      "/": {
        get: {
          operationId: "getAPIMetaInformation",
          summary: "HSDS version and profile of this API.",
          responses: {
            "200": json(
              {
                type: "object",
                properties: {
                  version: { type: "string" },
                  profile: { type: "string", format: "uri" },
                  openapi_url: { type: "string", format: "uri" },
                },
              },
              "API metadata",
            ),
          },
        },
      },
      "/services": {
        get: {
          operationId: "getPaginatedListOfServices",
          parameters: [
            ...PAGING,
            ...SERVICE_FILTERS,
            param("minimal", "Only id, name, status and last_modified.", BOOL),
          ],
          responses: {
            "200": json(pageOf(`${COMPILED}/service_list.json`), "A page of services"),
            ...ERRORS,
          },
        },
      },
      "/services/{id}": {
        parameters: [ID],
        get: {
          operationId: "getFullyNestedServiceById",
          responses: {
            "200": json({ $ref: `${COMPILED}/service.json` }, "A fully nested service"),
            ...ERRORS,
            ...NOT_FOUND,
          },
        },
      },
      "/service_at_locations": {
        get: {
          operationId: "getPaginatedListOfServiceAtLocation",
          parameters: [
            ...PAGING,
            ...SERVICE_FILTERS,
            param("postcode", "Services in the municipality of this Finnish postcode.", {
              type: "string",
              pattern: "^[0-9]{5}$",
            }),
            param(
              "proximity",
              "With postcode: services in municipalities whose centre is within this many metres of the postcode's municipality centre.",
              { type: "integer", minimum: 0 },
            ),
          ],
          responses: {
            "200": json(
              pageOf(`${COMPILED}/service_at_location_list.json`),
              "A page of services at locations",
            ),
            ...ERRORS,
          },
        },
      },
      "/service_at_locations/{id}": {
        parameters: [ID],
        get: {
          operationId: "getServiceAtLocationWithNestedDataById",
          responses: {
            "200": json(
              { $ref: `${COMPILED}/service_at_location.json` },
              "A fully nested service at location",
            ),
            ...ERRORS,
            ...NOT_FOUND,
          },
        },
      },
      "/organizations": {
        get: {
          operationId: "getPaginatedListOfOrganizations",
          parameters: [
            ...PAGING,
            param("full", "Each organization with its services.", BOOL),
            param("full_service", "Each organization with its fully nested services.", BOOL),
          ],
          responses: {
            "200": json(pageOf(`${COMPILED}/organization_list.json`), "A page of organizations"),
            ...ERRORS,
          },
        },
      },
      "/organizations/{id}": {
        parameters: [ID],
        get: {
          operationId: "getOrganizationById",
          parameters: [param("full_service", "Fully nested services.", BOOL)],
          responses: {
            "200": json({ $ref: `${COMPILED}/organization.json` }, "An organization"),
            ...ERRORS,
            ...NOT_FOUND,
          },
        },
      },
      "/taxonomies": {
        get: {
          operationId: "getPaginatedListOfTaxonomies",
          parameters: PAGING,
          responses: {
            "200": json(pageOf(`${SCHEMA}/taxonomy.json`), "A page of taxonomies"),
            ...ERRORS,
          },
        },
      },
      "/taxonomies/{id}": {
        parameters: [ID],
        get: {
          operationId: "getTaxonomyById",
          responses: {
            "200": json({ $ref: `${SCHEMA}/taxonomy.json` }, "A taxonomy"),
            ...ERRORS,
            ...NOT_FOUND,
          },
        },
      },
      "/taxonomy_terms": {
        get: {
          operationId: "getPaginatedListOfTaxonomyTerms",
          parameters: [
            ...PAGING,
            param("taxonomy_id", "Terms of this taxonomy.", UUID),
            param("top_only", "Only terms without a parent (all of ours).", BOOL),
            param("parent_id", "Terms under this parent (ours have none).", UUID),
          ],
          responses: {
            "200": json(pageOf(`${SCHEMA}/taxonomy_term.json`), "A page of taxonomy terms"),
            ...ERRORS,
          },
        },
      },
      "/taxonomy_terms/{id}": {
        parameters: [ID],
        get: {
          operationId: "getTaxonomyTermById",
          responses: {
            "200": json({ $ref: `${SCHEMA}/taxonomy_term.json` }, "A taxonomy term"),
            ...ERRORS,
            ...NOT_FOUND,
          },
        },
      },
    },
    components: {
      schemas: {
        Page: {
          type: "object",
          required: [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
          ],
          properties: {
            total_items: { type: "integer" },
            total_pages: { type: "integer" },
            page_number: { type: "integer" },
            size: { type: "integer" },
            first_page: { type: "boolean" },
            last_page: { type: "boolean" },
            empty: { type: "boolean" },
            contents: { type: "array" },
          },
        },
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: {
            error: { type: "string", enum: ["bad_request", "not_found"] },
            message: { type: "string" },
            fieldErrors: { type: "object", additionalProperties: { type: "string" } },
          },
        },
      },
      responses: {
        BadRequest: json({ $ref: "#/components/schemas/Error" }, "A query parameter is wrong"),
        NotFound: json({ $ref: "#/components/schemas/Error" }, "No such record or endpoint"),
      },
    },
  };
}
