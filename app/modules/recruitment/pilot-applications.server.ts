import { and, asc, desc, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { organizations, pilotApplications, users } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import type { FieldErrors } from "#app/infra/forms.ts";
import { translator, type Lang } from "#app/infra/i18n/i18n.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import { sendMail } from "../mail/mail.server.ts";
import { notifyUser } from "../notifications/notifications.server.ts";
import { getOrganizationByRef } from "../organizations/organizations.server.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import { todayInFinland } from "../common/common-schema.ts";
import {
  countPublicFormSubmission,
  PUBLIC_FORM_DAYS_KEPT,
  publicFormCutoff,
} from "./public-forms.server.ts";
import type { PilotApplicationForm } from "./recruitment-schema.ts";

/**
 * "Become a pilot" (issue #17): a volunteer tells an association they would
 * like to be a pilot. The row holds their contact details for that
 * association's staff only; staff mark it handled once they have been in
 * touch; the retention job deletes it 90 days after it came if nobody
 * handled it, and 90 days after handling otherwise (deleteExpiredApplications).
 */

const PUBLIC_FORM: { kind: "system"; name: string } = { kind: "system", name: "public-form" };

export type SubmitResult =
  | { ok: true; organizationName: string }
  | { ok: false; fieldErrors: FieldErrors };

export async function submitPilotApplication(
  form: PilotApplicationForm,
  context: { ip: string; lang: Lang },
  db: Db = getDb(),
): Promise<SubmitResult> {
  const organization = getOrganizationByRef(form.organizationRef, db);
  const municipality = findMunicipality(form.municipality);
  const fieldErrors: FieldErrors = {};
  if (!organization) fieldErrors.organizationRef = "join.error.organization";
  if (!municipality) fieldErrors.municipality = "join.error.municipality";
  if (!organization || !municipality) return { ok: false, fieldErrors };
  writeTransaction((tx) => {
    const row = tx
      .insert(pilotApplications)
      .values({
        organizationId: organization.id,
        name: form.name,
        email: form.email,
        phone: form.phone,
        municipality: municipality.fi,
        languages: form.languages,
        message: form.message,
        locale: context.lang,
      })
      .returning({ id: pilotApplications.id })
      .get();
    // The audit names the row, never the person (no name, address or message).
    recordAudit(tx, PUBLIC_FORM, {
      action: "pilotApplication.create",
      entityType: "pilot_application",
      entityId: row.id,
      organizationId: organization.id,
    });
    const staff = tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.organizationId, organization.id),
          eq(users.role, "staff"),
          eq(users.active, true),
        ),
      )
      .all();
    for (const s of staff)
      notifyUser(tx, s.id, { key: "join.pilot.notification" }, "/staff/pilots/applications");
    countPublicFormSubmission(context.ip, tx);
  }, db);
  // After the commit: a mail that cannot go out does not undo the application.
  const t = translator(context.lang);
  await sendMail(
    {
      to: form.email,
      subject: t("join.pilot.mail.subject", { organization: organization.name }),
      text: t("join.pilot.mail.body", {
        name: form.name,
        organization: organization.name,
        days: 90,
      }),
    },
    db,
  );
  return { ok: true, organizationName: organization.name };
}

export type PilotApplicationRow = {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  municipality: string;
  languages: string[];
  message: string | null;
  /** Days in Finland (YYYY-MM-DD), as pages show dates: no time zone left to the browser. */
  receivedOn: string;
  handledOn: string | null;
  /** When the retention job deletes it. */
  deletedOn: string;
};

/** Staff's list: their organization's applications, waiting ones first (oldest first), then handled. */
export function listPilotApplications(user: ActingUser, db: Db = getDb()): PilotApplicationRow[] {
  if (user.role !== "staff" || user.organizationId == null) return [];
  const rows = db
    .select()
    .from(pilotApplications)
    .where(eq(pilotApplications.organizationId, user.organizationId))
    .orderBy(desc(isNull(pilotApplications.handledAt)), asc(pilotApplications.createdAt))
    .all();
  recordAudit(db, actorOf(user), {
    action: "pilotApplication.read",
    entityType: "pilot_application",
    context: "list",
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    municipality: r.municipality,
    languages: r.languages,
    message: r.message,
    receivedOn: todayInFinland(r.createdAt),
    handledOn: r.handledAt ? todayInFinland(r.handledAt) : null,
    deletedOn: todayInFinland(
      new Date((r.handledAt ?? r.createdAt).getTime() + PUBLIC_FORM_DAYS_KEPT * 24 * 3600_000),
    ),
  }));
}

/** Staff mark an application of their organization handled; another's answers as missing. */
export function markPilotApplicationHandled(user: ActingUser, id: number, db: Db = getDb()) {
  if (user.role !== "staff" || user.organizationId == null) return { ok: false as const };
  return writeTransaction((tx) => {
    const changed = tx
      .update(pilotApplications)
      .set({ handledAt: new Date(), handledBy: user.id })
      .where(
        and(
          eq(pilotApplications.id, id),
          eq(pilotApplications.organizationId, user.organizationId!),
          isNull(pilotApplications.handledAt),
        ),
      )
      .run().changes;
    if (changed === 0) return { ok: false as const };
    recordAudit(tx, actorOf(user), {
      action: "pilotApplication.handle",
      entityType: "pilot_application",
      entityId: id,
      changes: ["handledAt"],
    });
    return { ok: true as const };
  }, db);
}

/**
 * The retention job's part (scripts/retention.ts and `npm start`'s periodic
 * cleanup): applications nobody handled within 90 days, and handled ones 90
 * days after handling, are deleted. Returns how many went.
 */
export function deleteExpiredPilotApplications(db: Db = getDb(), now = Date.now()) {
  const cutoff = publicFormCutoff(now);
  return writeTransaction((tx) => {
    const gone = tx
      .delete(pilotApplications)
      .where(
        or(
          and(isNull(pilotApplications.handledAt), lt(pilotApplications.createdAt, cutoff)),
          and(isNotNull(pilotApplications.handledAt), lt(pilotApplications.handledAt, cutoff)),
        ),
      )
      .run().changes;
    if (gone > 0)
      recordAudit(
        tx,
        { kind: "system", name: "retention" },
        {
          action: "pilotApplication.expire",
          entityType: "pilot_application",
          context: String(gone),
        },
      );
    return gone;
  }, db);
}

/** Public list for the form's choice of association. */
export function listJoinableOrganizations(db: Db = getDb()) {
  return db
    .select({
      ref: organizations.ref,
      name: organizations.name,
      municipality: organizations.municipality,
    })
    .from(organizations)
    .orderBy(asc(organizations.name))
    .all();
}
