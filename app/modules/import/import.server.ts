import { performance } from "node:perf_hooks";
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
import type { InterestMatcher } from "../interests/normalize.ts";
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

/** How long one write transaction of an import may run before it commits and lets others write. */
export const IMPORT_CHUNK_MS = 25;
const IMPORT_CHUNK_RECORDS = 500;

/**
 * Saves a validated file in short write transactions (ADR 015): each chunk
 * upserts records by ref until IMPORT_CHUNK_MS has passed, then commits, so
 * the app's own writes get the lock in between. One record (a participant
 * with their path steps, too) is never split across chunks. Outbox rows are
 * committed with the data they belong to, so the index catches up even if
 * Meilisearch is down now. A run that stops half-way leaves whole records
 * saved: the same file again completes it (upserts change nothing twice).
 */
export class ImportWriter {
  counts: ImportCounts = {
    organizations: emptyCounts(),
    activities: emptyCounts(),
    pilots: emptyCounts(),
    participants: emptyCounts(),
  };
  readonly total: number;
  private kindAt = 0;
  private indexAt = 0;
  private done = 0;
  private orgIds = new Map<string, number>();
  private readonly matcher: InterestMatcher;

  constructor(
    private readonly parsed: Parsed,
    private readonly actor: Actor,
    private readonly db: Db,
    private readonly chunk = { ms: IMPORT_CHUNK_MS, records: IMPORT_CHUNK_RECORDS },
  ) {
    this.matcher = getInterestMatcher(db);
    this.total = IMPORT_KINDS.reduce((n, kind) => n + parsed[kind].length, 0);
  }

  /** Records saved so far. */
  get saved() {
    return this.done;
  }

  get finished() {
    return this.done >= this.total;
  }

  /**
   * Saves the next chunk in one transaction; false once every record is
   * saved. If the transaction fails (rolled back), the position stays where
   * it was, so the same chunk can be tried again.
   */
  writeChunk(): boolean {
    if (this.finished) return false;
    const started = performance.now();
    const before = {
      kindAt: this.kindAt,
      indexAt: this.indexAt,
      done: this.done,
      counts: structuredClone(this.counts),
      orgIds: new Map(this.orgIds),
    };
    try {
      this.writeChunkIn(started);
    } catch (e) {
      Object.assign(this, before);
      throw e;
    }
    return !this.finished;
  }

  private writeChunkIn(started: number) {
    writeTransaction((tx) => {
      let n = 0;
      while (!this.finished) {
        const kind = IMPORT_KINDS[this.kindAt]!;
        const records = this.parsed[kind];
        if (this.indexAt >= records.length) {
          this.kindAt++;
          this.indexAt = 0;
          continue;
        }
        this.writeRecord(tx, kind, records[this.indexAt]!);
        this.indexAt++;
        this.done++;
        n++;
        if (n >= this.chunk.records || performance.now() - started >= this.chunk.ms) break;
      }
    }, this.db);
  }

  private organizationId(tx: Db, ref: string) {
    let id = this.orgIds.get(ref);
    if (id === undefined) {
      id = getOrganizationByRef(ref, tx)!.id;
      this.orgIds.set(ref, id);
    }
    return id;
  }

  private writeRecord(tx: Db, kind: ImportKind, record: Parsed[ImportKind][number]) {
    const { actor, matcher } = this;
    switch (kind) {
      case "organizations": {
        const o = record as Parsed["organizations"][number];
        const r = saveOrganization(tx, actor, { ref: o.ref, fields: strip(o) });
        this.orgIds.set(o.ref, r.id);
        return count(this.counts.organizations, r);
      }
      case "activities": {
        const a = record as Parsed["activities"][number];
        const organizationId = this.organizationId(tx, a.organizationRef);
        const r = saveActivity(
          tx,
          actor,
          { ref: a.ref, organizationId, fields: strip(a) },
          matcher,
        );
        return count(this.counts.activities, r);
      }
      case "pilots": {
        const p = record as Parsed["pilots"][number];
        const organizationId = this.organizationId(tx, p.organizationRef);
        const r = savePilot(tx, actor, { ref: p.ref, organizationId, fields: strip(p) }, matcher);
        return count(this.counts.pilots, r);
      }
      case "participants": {
        // Participants' data stays in SQLite: no outbox rows for them.
        const p = record as Parsed["participants"][number];
        const organizationId = this.organizationId(tx, p.organizationRef);
        const r = saveParticipant(
          tx,
          actor,
          { ref: p.ref, organizationId, fields: strip(p) },
          matcher,
        );
        const added = mergePathSteps(tx, actor, r.id, p.pathSteps ?? []);
        return count(this.counts.participants, {
          created: r.created,
          changed: r.changed || added > 0,
        });
      }
    }
  }
}

/** Validates the whole file; on success returns the writer that saves it (nothing is written before). */
export function prepareImport(
  raw: unknown,
  actor: Actor,
  db: Db = getDb(),
): { ok: true; writer: ImportWriter } | { ok: false; issues: ImportIssue[] } {
  const { parsed, issues } = validateImport(raw, db);
  if (!parsed) return { ok: false, issues };
  return { ok: true, writer: new ImportWriter(parsed, actor, db) };
}

/**
 * Validates all, then upserts by ref in short transactions: a bad file
 * writes nothing. For callers in one process (the seed, tests); the import
 * command pauses between chunks so that other processes' writes interleave.
 */
export function importData(raw: unknown, actor: Actor, db: Db = getDb()): ImportResult {
  const prepared = prepareImport(raw, actor, db);
  if (!prepared.ok) return prepared;
  while (prepared.writer.writeChunk());
  return { ok: true, counts: prepared.writer.counts };
}
