import { and, asc, desc, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { associationApplications, organizations, users } from "#db/schema.ts";
import type { AssociationApplicationStatus } from "#db/domain.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import type { FieldErrors } from "#app/infra/forms.ts";
import { translator, type Lang } from "#app/infra/i18n/i18n.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import { insertInvitation, mailInvitation } from "../invitations/invitations.server.ts";
import { sendMail } from "../mail/mail.server.ts";
import { notifyUser } from "../notifications/notifications.server.ts";
import { newOrganizationRef, saveOrganization } from "../organizations/organizations.server.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import { todayInFinland } from "../common/common-schema.ts";
import {
  countPublicFormSubmission,
  PUBLIC_FORM_DAYS_KEPT,
  publicFormCutoff,
} from "./public-forms.server.ts";
import type { AssociationApplicationForm } from "./recruitment-schema.ts";

/**
 * New associations join (issue #17, part 4): an association applies through
 * the public form; the coordinator approves (the organization is created and
 * its contact invited as its first staff member, in one write) or declines.
 * The row holds a contact person's details, so it is kept as briefly as the
 * "become a pilot" applications: 90 days after it came if nobody decided,
 * 90 days after the decision otherwise (deleteExpiredApplications).
 */

const PUBLIC_FORM: { kind: "system"; name: string } = { kind: "system", name: "public-form" };
const LIST_LINK = "/admin/associations";

export type SubmitAssociationResult = { ok: true } | { ok: false; fieldErrors: FieldErrors };

export async function submitAssociationApplication(
  form: AssociationApplicationForm,
  context: { ip: string; lang: Lang },
  db: Db = getDb(),
): Promise<SubmitAssociationResult> {
  const municipality = findMunicipality(form.municipality);
  if (!municipality) return { ok: false, fieldErrors: { municipality: "join.error.municipality" } };
  writeTransaction((tx) => {
    const row = tx
      .insert(associationApplications)
      .values({
        name: form.name,
        municipality: municipality.fi,
        contactName: form.contactName,
        email: form.email,
        phone: form.phone,
        activities: form.activities,
        locale: context.lang,
      })
      .returning({ id: associationApplications.id })
      .get();
    // The audit names the row, never the association's contact.
    recordAudit(tx, PUBLIC_FORM, {
      action: "associationApplication.create",
      entityType: "association_application",
      entityId: row.id,
    });
    const coordinators = tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)))
      .all();
    for (const c of coordinators)
      notifyUser(tx, c.id, { key: "join.association.notification" }, LIST_LINK);
    countPublicFormSubmission(context.ip, tx);
  }, db);
  // After the commit: a mail that cannot go out does not undo the application.
  const t = translator(context.lang);
  await sendMail(
    {
      to: form.email,
      subject: t("join.association.mail.subject", { association: form.name }),
      text: t("join.association.mail.body", {
        name: form.contactName,
        association: form.name,
        days: PUBLIC_FORM_DAYS_KEPT,
      }),
    },
    db,
  );
  return { ok: true };
}

export type AssociationApplicationRow = {
  id: number;
  name: string;
  municipality: string;
  contactName: string;
  email: string;
  phone: string | null;
  activities: string;
  status: AssociationApplicationStatus;
  /** The organization an approval created, for a link to it. */
  organizationRef: string | null;
  /** Days in Finland (YYYY-MM-DD): no time zone left to the browser. */
  receivedOn: string;
  handledOn: string | null;
  /** When the retention job deletes it. */
  deletedOn: string;
};

/** The coordinator's list: waiting applications first (oldest first), then decided ones. */
export function listAssociationApplications(
  user: ActingUser,
  db: Db = getDb(),
): AssociationApplicationRow[] {
  if (user.role !== "admin") return [];
  const rows = db
    .select({ application: associationApplications, organizationRef: organizations.ref })
    .from(associationApplications)
    .leftJoin(organizations, eq(organizations.id, associationApplications.organizationId))
    .orderBy(
      desc(isNull(associationApplications.handledAt)),
      asc(associationApplications.createdAt),
    )
    .all();
  recordAudit(db, actorOf(user), {
    action: "associationApplication.read",
    entityType: "association_application",
    context: "list",
  });
  return rows.map(({ application: r, organizationRef }) => ({
    id: r.id,
    name: r.name,
    municipality: r.municipality,
    contactName: r.contactName,
    email: r.email,
    phone: r.phone,
    activities: r.activities,
    status: r.status,
    organizationRef,
    receivedOn: todayInFinland(r.createdAt),
    handledOn: r.handledAt ? todayInFinland(r.handledAt) : null,
    deletedOn: todayInFinland(
      new Date((r.handledAt ?? r.createdAt).getTime() + PUBLIC_FORM_DAYS_KEPT * 24 * 3600_000),
    ),
  }));
}

export type DecideResult =
  | { ok: true; organizationRef?: string }
  | { ok: false; reason: "not-found" }
  | { ok: false; fieldErrors: FieldErrors };

/**
 * Approval, all or nothing: the organization (its ref from its name), the
 * invitation of its first staff member (the contact's address) and the
 * application's new state commit together, or nothing does. The address is
 * checked inside the same transaction before anything is written. The
 * invitation mail goes after the commit.
 */
export async function approveAssociationApplication(
  user: ActingUser,
  id: number,
  origin: string,
  db: Db = getDb(),
): Promise<DecideResult> {
  if (user.role !== "admin") return { ok: false, reason: "not-found" };
  const r = writeTransaction(
    (
      tx,
    ):
      | { ok: false; reason: "not-found" }
      | { ok: false; fieldErrors: FieldErrors }
      | { ok: true; ref: string; email: string; name: string; token: string } => {
      const app = waitingApplication(tx, id);
      if (!app) return { ok: false, reason: "not-found" };
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, app.email)).get())
        return { ok: false, fieldErrors: { email: "admin.error.emailTaken" } };
      const ref = newOrganizationRef(app.name);
      const organization = saveOrganization(tx, actorOf(user), {
        ref,
        fields: { name: app.name, municipality: app.municipality },
      });
      const { token } = insertInvitation(tx, user, {
        email: app.email,
        role: "staff",
        organizationId: organization.id,
        context: `associationApplication:${app.id}`,
      });
      decide(tx, user, app.id, "approved", organization.id);
      return { ok: true, ref, email: app.email, name: app.name, token };
    },
    db,
  );
  if (!r.ok) return r;
  await mailInvitation({ email: r.email, organizationName: r.name, token: r.token }, origin, db);
  return { ok: true, organizationRef: r.ref };
}

/** Declining keeps the row (so the list shows it) until the retention job deletes it. */
export function declineAssociationApplication(
  user: ActingUser,
  id: number,
  db: Db = getDb(),
): DecideResult {
  if (user.role !== "admin") return { ok: false, reason: "not-found" };
  return writeTransaction((tx): DecideResult => {
    if (!waitingApplication(tx, id)) return { ok: false, reason: "not-found" };
    decide(tx, user, id, "declined", null);
    return { ok: true };
  }, db);
}

function waitingApplication(tx: Db, id: number) {
  return tx
    .select()
    .from(associationApplications)
    .where(and(eq(associationApplications.id, id), eq(associationApplications.status, "waiting")))
    .get();
}

function decide(
  tx: Db,
  user: ActingUser,
  id: number,
  status: Exclude<AssociationApplicationStatus, "waiting">,
  organizationId: number | null,
) {
  tx.update(associationApplications)
    .set({ status, organizationId, handledAt: new Date(), handledBy: user.id })
    .where(eq(associationApplications.id, id))
    .run();
  recordAudit(tx, actorOf(user), {
    action:
      status === "approved" ? "associationApplication.approve" : "associationApplication.decline",
    entityType: "association_application",
    entityId: id,
    organizationId,
    changes: ["status", "handledAt"],
  });
}

/**
 * The retention job's part: applications nobody decided within 90 days,
 * and decided ones 90 days after the decision, are deleted. The
 * organization an approval created stays: it is no longer the application.
 */
export function deleteExpiredAssociationApplications(db: Db = getDb(), now = Date.now()) {
  const cutoff = publicFormCutoff(now);
  return writeTransaction((tx) => {
    const gone = tx
      .delete(associationApplications)
      .where(
        or(
          and(
            isNull(associationApplications.handledAt),
            lt(associationApplications.createdAt, cutoff),
          ),
          and(
            isNotNull(associationApplications.handledAt),
            lt(associationApplications.handledAt, cutoff),
          ),
        ),
      )
      .run().changes;
    if (gone > 0)
      recordAudit(
        tx,
        { kind: "system", name: "retention" },
        {
          action: "associationApplication.expire",
          entityType: "association_application",
          context: String(gone),
        },
      );
    return gone;
  }, db);
}
