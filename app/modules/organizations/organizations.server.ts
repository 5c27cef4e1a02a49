import crypto from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { organizations } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { diffChanges, recordAudit, type Actor } from "../audit/audit.server.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import type { OrganizationFields, OrganizationFormInput } from "./organization-schema.ts";

export type OrganizationRow = typeof organizations.$inferSelect;

export function getOrganizationByRef(ref: string, db: Db = getDb()) {
  return db.select().from(organizations).where(eq(organizations.ref, ref)).get();
}

export function getOrganization(id: number, db: Db = getDb()) {
  return db.select().from(organizations).where(eq(organizations.id, id)).get();
}

export function listOrganizations(db: Db = getDb()) {
  return db.select().from(organizations).orderBy(asc(organizations.name)).all();
}

export function saveOrganization(
  db: Db,
  actor: Actor,
  // The import brings no follow-up days (docs/import-format.md): a re-import keeps what the admin set.
  input: { ref: string; fields: OrganizationFields & { followUpDays?: number } },
): { id: number; created: boolean; changed: boolean } {
  const municipality = findMunicipality(input.fields.municipality);
  if (!municipality) throw new Error(`unknown municipality ${input.fields.municipality}`);
  const values = {
    name: input.fields.name,
    municipality: municipality.fi,
    description: input.fields.description ?? null,
    website: input.fields.website ?? null,
    ...(input.fields.followUpDays == null ? {} : { followUpDays: input.fields.followUpDays }),
  };
  const before = getOrganizationByRef(input.ref, db);
  if (!before) {
    const row = db
      .insert(organizations)
      .values({ ...values, ref: input.ref })
      .returning()
      .get();
    recordAudit(db, actor, {
      action: "organization.create",
      entityType: "organization",
      entityId: input.ref,
      organizationId: row.id,
      changes: diffChanges(undefined, values),
    });
    return { id: row.id, created: true, changed: true };
  }
  const changes = diffChanges(before as unknown as Record<string, unknown>, values);
  if (Object.keys(changes).length === 0) return { id: before.id, created: false, changed: false };
  db.update(organizations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(organizations.id, before.id))
    .run();
  // Activity and pilot documents carry the organization's name; public pages, open data and
  // calendars show its name, description, website and municipality. The outbox rows also move
  // the public content version, so cached pages and ETags follow (ADR 005).
  if (changes.name || changes.description || changes.website || changes.municipality)
    db.run(
      sql`insert into search_outbox (entity, entity_id)
          select 'activity', id from activities where organization_id = ${before.id}
          union all select 'pilot', id from pilots where organization_id = ${before.id}`,
    );
  recordAudit(db, actor, {
    action: "organization.update",
    entityType: "organization",
    entityId: input.ref,
    organizationId: before.id,
    changes,
  });
  return { id: before.id, created: false, changed: true };
}

/** A stable ref for an organization created in the UI (imports bring their own). */
export function newOrganizationRef(name: string) {
  const slug =
    name
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "org";
  return `org-${slug}-${crypto.randomBytes(3).toString("hex")}`;
}

export type OrganizationSaveResult =
  | { ok: true; ref: string }
  | { ok: false; fieldErrors: Record<string, string> }
  | { ok: false; notFound: true };

/** The admin form's save: the municipality is checked here because the list lives on the server. */
export function saveOrganizationFromForm(
  actor: Actor,
  ref: string | null,
  fields: OrganizationFormInput,
  db: Db = getDb(),
): OrganizationSaveResult {
  if (!findMunicipality(fields.municipality)) {
    return { ok: false, fieldErrors: { municipality: "staff.error.municipality" } };
  }
  if (ref && !getOrganizationByRef(ref, db)) return { ok: false, notFound: true };
  const target = ref ?? newOrganizationRef(fields.name);
  writeTransaction((tx) => saveOrganization(tx, actor, { ref: target, fields }), db);
  return { ok: true, ref: target };
}
