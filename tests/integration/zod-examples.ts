import crypto from "node:crypto";
import type { z } from "zod";
import { todayInFinland } from "#app/modules/common/common-schema.ts";

/**
 * Valid examples generated from zod schemas, for tests that must post
 * bodies an action would accept (the authorization matrix, the canary and
 * privacy tests). Each field gets the first of a list of candidates that the
 * field's own schema accepts: the schema decides, the list only proposes.
 * Optional fields are left out, arrays get as few items as they allow.
 * `mode: "form"` proposes strings (what a browser posts), `"value"` typed values.
 */
type Mode = "form" | "value";
type AnySchema = z.ZodType;
type Def = { type: string } & Record<string, unknown>;

const defOf = (s: AnySchema) => (s as unknown as { _zod: { def: Def } })._zod.def;

let counter = 0;
export const uniqueEmail = (label = "form") =>
  `${label}-${++counter}-${crypto.randomBytes(3).toString("hex")}@test.example`;

/** A new password every time: long, not common, not anyone's email. */
export const strongPassword = () => `vahva lause ${crypto.randomBytes(6).toString("hex")} järvellä`;

/** Candidates for a field, best guesses by its name first. */
function candidates(name: string, mode: Mode): unknown[] {
  const n = name.toLowerCase();
  const today = todayInFinland();
  const byName: unknown[] = [];
  if (n.includes("email")) byName.push(uniqueEmail());
  if (n.includes("password") || n === "confirm") byName.push(strongPassword());
  if (n.includes("date")) byName.push(today);
  if (n === "start") byName.push("10:00");
  if (n === "end") byName.push("12:00");
  if (n.includes("municipality")) byName.push("Parikkala");
  if (n === "key" || n === "into") byName.push(`testi-${crypto.randomBytes(3).toString("hex")}`);
  if (n === "lang" || n.includes("language")) byName.push("fi");
  if (n.includes("name") || n.includes("label") || n === "title") byName.push("Testi");
  if (n === "weekday") byName.push(mode === "form" ? "2" : 2);
  const generic =
    mode === "form"
      ? ["Testi", "1", "10", "10:00", today, "fi", "on", uniqueEmail(), "https://example.org"]
      : ["Testi", 1, 10, true, "10:00", today, "fi", uniqueEmail(), "https://example.org"];
  return [...byName, ...generic];
}

function checkOf(schema: AnySchema, name: string): number | undefined {
  const checks = (defOf(schema).checks as { _zod: { def: Record<string, unknown> } }[]) ?? [];
  for (const c of checks) {
    const d = c._zod.def;
    if (d.check === name) return (d.minimum ?? d.value) as number | undefined;
  }
  return undefined;
}

/** One valid value for a schema, or undefined to leave an optional field out. */
export function exampleOf(schema: AnySchema, name = "", mode: Mode = "value"): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
      return undefined;
    case "nonoptional":
    case "readonly":
    case "catch":
      return exampleOf(def.innerType as AnySchema, name, mode);
    case "lazy":
      return exampleOf((def.getter as () => AnySchema)(), name, mode);
    case "literal":
      return (def.values as unknown[])[0];
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "object":
      return objectExample(schema, {}, mode);
    case "array": {
      const min = checkOf(schema, "min_length") ?? 0;
      const item = () => exampleOf(def.element as AnySchema, name, mode);
      return Array.from({ length: min }, item);
    }
    case "union": {
      for (const option of def.options as AnySchema[]) {
        const v = exampleOf(option, name, mode);
        if (v !== undefined && schema.safeParse(v).success) return v;
      }
      return undefined;
    }
    case "pipe": {
      const input = def.in as AnySchema;
      if (defOf(input).type === "transform") {
        // z.preprocess(fn, inner): what a form posts goes through fn first, so ask the whole.
        const accepted = tryAccepted(schema, name, mode);
        return accepted.found ? accepted.value : exampleOf(def.out as AnySchema, name, mode);
      }
      // x.transform(…) or x.pipe(y): an example of x that the whole accepts.
      const v = exampleOf(input, name, mode);
      if (v === undefined) return undefined;
      if (schema.safeParse(v).success) return v;
      return firstAccepted(schema, name, mode);
    }
    default:
      return firstAccepted(schema, name, mode);
  }
}

function tryAccepted(schema: AnySchema, name: string, mode: Mode) {
  for (const c of candidates(name, mode))
    if (schema.safeParse(c).success) return { found: true as const, value: c };
  return { found: false as const, value: undefined };
}

function firstAccepted(schema: AnySchema, name: string, mode: Mode) {
  const accepted = tryAccepted(schema, name, mode);
  if (accepted.found) return accepted.value;
  throw new Error(`no example for field "${name}" (${defOf(schema).type})`);
}

/** The object's required fields, each with an example, overrides taking precedence. */
export function objectExample(
  schema: AnySchema,
  overrides: Record<string, unknown> = {},
  mode: Mode = "value",
): Record<string, unknown> {
  let def = defOf(schema);
  while (def.type === "pipe") def = defOf(def.in as AnySchema);
  const shape = (def.shape ?? {}) as Record<string, AnySchema>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    if (key in overrides) continue;
    const v = exampleOf(field, key, mode);
    if (v !== undefined) out[key] = v;
  }
  for (const [key, v] of Object.entries(overrides)) if (v !== undefined) out[key] = v;
  const parsed = schema.safeParse(out);
  if (!parsed.success)
    throw new Error(
      `generated example does not parse: ${JSON.stringify(out)}: ${parsed.error.message}`,
    );
  return out;
}

/** The options of a discriminated union, by their discriminator's value. */
export function unionOptions(schema: AnySchema): Map<string, AnySchema> {
  const def = defOf(schema);
  const key = def.discriminator as string;
  const map = new Map<string, AnySchema>();
  for (const option of def.options as AnySchema[]) {
    const shape = defOf(option).shape as Record<string, AnySchema>;
    map.set(String(exampleOf(shape[key]!)), option);
  }
  return map;
}

export type Fields = [string, string][];

/** A flat form (what `Object.fromEntries(formData)` reads) from a schema: strings, arrays repeated. */
export function formOf(schema: AnySchema, overrides: Record<string, unknown> = {}): Fields {
  return toFields(objectExample(schema, overrides, "form"));
}

export function toFields(values: Record<string, unknown>): Fields {
  const fields: Fields = [];
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) fields.push([k, String(item)]);
    else if (typeof v === "boolean") {
      if (v) fields.push([k, "on"]);
    } else fields.push([k, String(v)]);
  }
  return fields;
}
