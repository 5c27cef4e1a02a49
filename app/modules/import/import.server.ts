import { eq } from "drizzle-orm";
import { z } from "zod";
import {
  organizations as organizationsTable,
  participants as participantsTable,
} from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { hasMessage, translator } from "#app/infra/i18n/i18n.ts";
import type { Actor } from "../audit/audit.server.ts";
import { ActivityImportSchema } from "../catalog/activity-schema.ts";
import { saveActivity } from "../catalog/catalog.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { OrganizationImportSchema } from "../organizations/organization-schema.ts";
import { getOrganizationByRef, saveOrganization } from "../organizations/organizations.server.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import { ParticipantImportSchema } from "../participants/participant-schema.ts";
import { mergePathSteps, saveParticipant } from "../participants/participants.server.ts";
import { PilotImportSchema } from "../pilots/pilot-schema.ts";
import { savePilot } from "../pilots/pilots.server.ts";

/** The import file (docs/import-format.md): four optional arrays, nothing else. */
const ImportFileShape = z.strictObject({
  organizations: z.array(z.unknown()).optional(),
  activities: z.array(z.unknown()).optional(),
  pilots: z.array(z.unknown()).optional(),
  participants: z.array(z.unknown()).optional(),
});

export const IMPORT_KINDS = ["organizations", "activities", "pilots", "participants"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportIssue = {
  kind: ImportKind | "file";
  index: number;
  ref: string;
  path: string;
  message: string;
};
export type KindCounts = { created: number; updated: number; unchanged: number };
export type ImportCounts = Record<ImportKind, KindCounts>;

export type ImportResult =
  | { ok: true; counts: ImportCounts }
  | { ok: false; issues: ImportIssue[] };

/** `kind[index] ref: field.path: message`, as docs/import-format.md shows bad records. */
export function formatIssue(issue: ImportIssue) {
  if (issue.kind === "file") return `file: ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
  return `${issue.kind}[${issue.index}] ${issue.ref || "(no ref)"}: ${issue.path || "(record)"}: ${issue.message}`;
}

/** The forms' schemas speak in message keys; the file's author reads the English text. */
const english = translator("en");
const plain = (message: string) => (hasMessage(message) ? english(message) : message);

function refOf(record: unknown): string {
  const ref = (record as { ref?: unknown } | null)?.ref;
  return typeof ref === "string" ? ref : "";
}

const SCHEMAS = {
  organizations: OrganizationImportSchema,
  activities: ActivityImportSchema,
  pilots: PilotImportSchema,
  participants: ParticipantImportSchema,
} as const;

type Parsed = {
  organizations: z.infer<typeof OrganizationImportSchema>[];
  activities: z.infer<typeof ActivityImportSchema>[];
  pilots: z.infer<typeof PilotImportSchema>[];
  participants: z.infer<typeof ParticipantImportSchema>[];
};

/** Validates the whole file before anything is written; returns every problem found. */
export function validateImport(
  raw: unknown,
  db: Db = getDb(),
): { parsed?: Parsed; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const shape = ImportFileShape.safeParse(raw);
  if (!shape.success) {
    for (const i of shape.error.issues) {
      const message =
        i.code === "unrecognized_keys"
          ? `unknown key(s) ${i.keys.join(", ")}; expected organizations, activities, pilots, participants`
          : i.message;
      issues.push({ kind: "file", index: 0, ref: "", path: i.path.join("."), message });
    }
    return { issues };
  }
  const parsed: Parsed = { organizations: [], activities: [], pilots: [], participants: [] };
  for (const kind of IMPORT_KINDS) {
    const seen = new Map<string, number>();
    (shape.data[kind] ?? []).forEach((record, index) => {
      const result = SCHEMAS[kind].safeParse(record);
      const ref = refOf(record);
      if (!result.success) {
        for (const i of result.error.issues) {
          const message =
            i.code === "unrecognized_keys"
              ? `unknown key(s) ${i.keys.join(", ")}`
              : plain(i.message);
          issues.push({ kind, index, ref, path: i.path.join("."), message });
        }
        return;
      }
      const data = result.data;
      if (seen.has(data.ref)) {
        issues.push({
          kind,
          index,
          ref,
          path: "ref",
          message: `duplicate ref (also ${kind}[${seen.get(data.ref)}])`,
        });
      }
      seen.set(data.ref, index);
      if (!findMunicipality(data.municipality)) {
        issues.push({
          kind,
          index,
          ref,
          path: "municipality",
          message: `unknown Finnish municipality "${data.municipality}"`,
        });
      }
      (parsed[kind] as unknown[]).push({ ...data, __index: index });
    });
  }
  const orgRefs = new Set(parsed.organizations.map((o) => o.ref));
  for (const kind of ["activities", "pilots", "participants"] as const) {
    for (const record of parsed[kind] as (Parsed["activities"][number] & { __index: number })[]) {
      if (
        !orgRefs.has(record.organizationRef) &&
        !getOrganizationByRef(record.organizationRef, db)
      ) {
        issues.push({
          kind,
          index: record.__index,
          ref: record.ref,
          path: "organizationRef",
          message: `unknown organization "${record.organizationRef}" (not in the file or the database)`,
        });
      }
    }
  }
  // A participant belongs to the organization that recorded them; a file cannot hand them over.
  for (const record of parsed.participants as (Parsed["participants"][number] & {
    __index: number;
  })[]) {
    const existing = db
      .select({ orgRef: organizationsTable.ref })
      .from(participantsTable)
      .innerJoin(organizationsTable, eq(organizationsTable.id, participantsTable.organizationId))
      .where(eq(participantsTable.ref, record.ref))
      .get();
    if (existing && existing.orgRef !== record.organizationRef) {
      issues.push({
        kind: "participants",
        index: record.__index,
        ref: record.ref,
        path: "organizationRef",
        message: `organizationRef cannot change on re-import (the participant belongs to "${existing.orgRef}")`,
      });
    }
  }
  issues.sort(
    (a, b) =>
      IMPORT_KINDS.indexOf(a.kind as ImportKind) - IMPORT_KINDS.indexOf(b.kind as ImportKind) ||
      a.index - b.index,
  );
  return issues.length > 0 ? { issues } : { parsed, issues };
}

function strip<T extends { __index?: number; ref: string; organizationRef?: string }>(record: T) {
  const {
    __index: _i,
    ref: _r,
    organizationRef: _o,
    pathSteps: _p,
    ...fields
  } = record as T & { __index?: number; pathSteps?: unknown };
  return fields;
}

const emptyCounts = (): KindCounts => ({ created: 0, updated: 0, unchanged: 0 });

function count(c: KindCounts, r: { created: boolean; changed: boolean }) {
  if (r.created) c.created++;
  else if (r.changed) c.updated++;
  else c.unchanged++;
}

/**
 * Validates all, then upserts by ref in one transaction: on any error nothing
 * is written. Outbox rows are committed with the data, so the index catches
 * up even when Meilisearch is down right now.
 */
export function importData(raw: unknown, actor: Actor, db: Db = getDb()): ImportResult {
  const { parsed, issues } = validateImport(raw, db);
  if (!parsed) return { ok: false, issues };
  const matcher = getInterestMatcher(db);
  const counts: ImportCounts = {
    organizations: emptyCounts(),
    activities: emptyCounts(),
    pilots: emptyCounts(),
    participants: emptyCounts(),
  };
  writeTransaction((tx) => {
    const orgIds = new Map<string, number>();
    for (const o of parsed.organizations) {
      const r = saveOrganization(tx, actor, { ref: o.ref, fields: strip(o) });
      orgIds.set(o.ref, r.id);
      count(counts.organizations, r);
    }
    const orgId = (ref: string) => orgIds.get(ref) ?? getOrganizationByRef(ref, tx)!.id;
    for (const a of parsed.activities) {
      const r = saveActivity(
        tx,
        actor,
        { ref: a.ref, organizationId: orgId(a.organizationRef), fields: strip(a) },
        matcher,
      );
      count(counts.activities, r);
    }
    for (const p of parsed.pilots) {
      const r = savePilot(
        tx,
        actor,
        { ref: p.ref, organizationId: orgId(p.organizationRef), fields: strip(p) },
        matcher,
      );
      count(counts.pilots, r);
    }
    // Participants' data stays in SQLite: no outbox rows for them.
    for (const p of parsed.participants) {
      const r = saveParticipant(
        tx,
        actor,
        { ref: p.ref, organizationId: orgId(p.organizationRef), fields: strip(p) },
        matcher,
      );
      const added = mergePathSteps(tx, actor, r.id, p.pathSteps ?? []);
      count(counts.participants, { created: r.created, changed: r.changed || added > 0 });
    }
  }, db);
  return { ok: true, counts };
}
