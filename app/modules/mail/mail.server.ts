import { desc } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { mailMessages } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { singleton } from "#app/infra/singleton.server.ts";

/** `participantId`: the mail goes to a participant (erased with them, hidden from the mailbox page). */
export type Mail = { to: string; subject: string; text: string; participantId?: number | null };

/** The one way Luotsi sends mail: SMTP when SMTP_URL is set, else the development mailbox. */
export function isMailboxMode() {
  return !getEnv().SMTP_URL;
}

function getTransport(): Transporter {
  return singleton("mail-transport", () => nodemailer.createTransport(getEnv().SMTP_URL!));
}

/**
 * Sends one mail. Failures are logged and reported as a value, never thrown:
 * a mail that cannot go out must not undo the change it tells about.
 */
export async function sendMail(mail: Mail, db: Db = getDb()): Promise<{ ok: boolean }> {
  if (isMailboxMode()) {
    storeMail(db, mail, new Date());
    return { ok: true };
  }
  try {
    await getTransport().sendMail({
      from: getEnv().MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return { ok: true };
  } catch (e) {
    // The address and subject are enough to find the problem; the body may hold a link.
    console.error(`mail to ${mail.to} failed: ${e instanceof Error ? e.message : String(e)}`);
    return { ok: false };
  }
}

/** Stored mail is what the development mailbox shows. */
function storeMail(db: Db, mail: Mail, sentAt: Date | null) {
  db.insert(mailMessages)
    .values({ ...mail, sentAt })
    .run();
}

/**
 * The development mailbox's list. A coordinator reads it, and coordinators
 * see aggregates only: a mail to a participant shows neither the address
 * nor the text (the link in it would open the participant's account).
 */
export function listStoredMail(limit = 100, db: Db = getDb()) {
  return db
    .select()
    .from(mailMessages)
    .orderBy(desc(mailMessages.id))
    .limit(limit)
    .all()
    .map((m) =>
      m.participantId == null
        ? { ...m, toParticipant: false }
        : { ...m, to: "", text: "", toParticipant: true },
    );
}
