import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { notifications } from "#db/schema.ts";
import { getDb, preparedOnce, type Db } from "#app/infra/db.server.ts";
import { hasMessage, type Translate } from "#app/infra/i18n/i18n.ts";

/**
 * In-app notifications. The message is stored as a catalog key with its
 * parameters, so each reader sees it in their own language.
 */
export type NotificationText = { key: string; params?: Record<string, string | number> };

/** `participantId`: the participant the notification is about (erased with them). */
export function notifyUser(
  db: Db,
  userId: string,
  text: NotificationText,
  link: string | null = null,
  participantId: number | null = null,
) {
  db.insert(notifications)
    .values({ userId, message: JSON.stringify(text), link, participantId })
    .run();
}

/** Stored JSON becomes text in the reader's language; plain text (older rows, others' modules) stays as is. */
export function renderNotification(message: string, t: Translate) {
  try {
    const parsed = JSON.parse(message) as NotificationText;
    if (parsed && typeof parsed.key === "string" && hasMessage(parsed.key)) {
      return t(parsed.key, parsed.params);
    }
  } catch {
    // not JSON: plain text
  }
  return message;
}

export function listNotifications(userId: string, limit = 50, db: Db = getDb()) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.id))
    .limit(limit)
    .all();
}

/** Asked by the header of every signed-in page: prepared once. */
export function countUnreadNotifications(userId: string, db: Db = getDb()) {
  const count = preparedOnce(db, "unreadNotifications", () =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
      .prepare(),
  );
  return count.get({ userId })?.n ?? 0;
}

/** Only the owner's rows: another user's id simply matches nothing. */
export function markNotificationsRead(userId: string, id: number | "all", db: Db = getDb()) {
  const where =
    id === "all"
      ? and(eq(notifications.userId, userId), isNull(notifications.readAt))
      : and(eq(notifications.userId, userId), eq(notifications.id, id));
  return db.update(notifications).set({ readAt: new Date() }).where(where).run().changes;
}
