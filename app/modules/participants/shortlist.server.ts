import { and, asc, eq } from "drizzle-orm";
import {
  activities,
  organizations,
  pilots,
  shortlistItems,
  users,
  type ThresholdFlag,
  type WeeklyWindow,
} from "#db/schema.ts";
import { getOptionalUser } from "#app/infra/auth.server.ts";
import { isSecureRequest } from "#app/infra/http.server.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import {
  formatTimeRange,
  languageName,
  translator,
  weekdayName,
  baseLangOf,
  dirOf,
  languageOf,
  type Locale,
} from "#app/infra/i18n/i18n.ts";
import { recordAudit, type Actor } from "../audit/audit.server.ts";
import { activityPoint, isFull } from "../catalog/catalog.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { distanceKm, findMunicipality } from "../places/municipalities.server.ts";
import {
  getOwnParticipant,
  participantExistsForWorker,
  type ParticipantRow,
} from "./participants.server.ts";

/**
 * The shared shortlist of one participant: activities and pilots the worker
 * and the participant are considering together, each with plain words on
 * what fits the participant and what does not.
 */

export const DEFAULT_REACH_KM = 30;

export type FitNote = { ok: boolean; text: string };

type ActivityRow = typeof activities.$inferSelect;
type PilotRow = typeof pilots.$inferSelect;
type ParticipantFacts = Pick<
  ParticipantRow,
  | "municipality"
  | "birthYear"
  | "languages"
  | "needs"
  | "schedule"
  | "maxDistanceKm"
  | "interestKeys"
>;

function insideWindow(session: WeeklyWindow, windows: WeeklyWindow[]) {
  return windows.some(
    (w) => w.weekday === session.weekday && w.start <= session.start && session.end <= w.end,
  );
}

function overlaps(a: WeeklyWindow, windows: WeeklyWindow[]) {
  return windows.some((w) => w.weekday === a.weekday && w.start < a.end && a.start < w.end);
}

function sessionText(w: WeeklyWindow, lang: Locale) {
  const range = formatTimeRange(w.start, w.end);
  // In Arabic text "17–19" must stay left to right: a left-to-right isolate (LRI…PDI).
  return `${weekdayName(w.weekday, lang)} ${dirOf(lang) === "rtl" ? `\u2066${range}\u2069` : range}`;
}

function languageNotes(
  participantLangs: string[],
  targetLangs: string[],
  lang: Locale,
): FitNote | undefined {
  const t = translator(lang);
  const common = targetLangs.filter((l) => participantLangs.includes(l));
  if (common.length > 0)
    return {
      ok: true,
      text: t("shortlist.fit.language", {
        languages: common.map((l) => languageName(l, lang)).join(", "),
      }),
    };
  const only = targetLangs.length === 1 ? targetLangs[0] : undefined;
  if (only === "fi" || only === "sv" || only === "en")
    return { ok: false, text: t(`shortlist.fit.only.${only}`) };
  return {
    ok: false,
    text: t("shortlist.fit.onlyLanguage", {
      languages: targetLangs.map((l) => languageName(l, lang)).join(", "),
    }),
  };
}

function reachNote(
  participant: ParticipantFacts,
  target: { municipality: string; point?: { lat: number; lon: number }; online?: boolean },
  lang: Locale,
): FitNote {
  const t = translator(lang);
  if (target.online) return { ok: true, text: t("shortlist.fit.online") };
  if (target.municipality === participant.municipality)
    return { ok: true, text: t("shortlist.fit.sameMunicipality", { place: target.municipality }) };
  const home = findMunicipality(participant.municipality);
  const km = home && target.point ? Math.round(distanceKm(home, target.point)) : undefined;
  const limit = participant.maxDistanceKm ?? DEFAULT_REACH_KM;
  if (km != null && km <= limit)
    return { ok: true, text: t("shortlist.fit.distance", { place: target.municipality, km }) };
  return {
    ok: false,
    text:
      km != null
        ? t("shortlist.fit.tooFar", { place: target.municipality, km })
        : t("shortlist.fit.tooFarUnknown", { place: target.municipality }),
  };
}

/** What fits and what does not, in plain words, for one activity. */
export function explainActivityFit(
  participant: ParticipantFacts,
  activity: ActivityRow,
  lang: Locale,
  now = new Date(),
): FitNote[] {
  const t = translator(lang);
  const notes: FitNote[] = [];
  if (activity.status !== "open")
    notes.push({
      ok: false,
      text: t(activity.status === "paused" ? "shortlist.fit.paused" : "shortlist.fit.closed"),
    });
  if (isFull(activity)) notes.push({ ok: false, text: t("shortlist.fit.full") });
  else if (activity.capacity != null)
    notes.push({
      ok: true,
      text: t("shortlist.fit.places", { count: activity.capacity - activity.enrolled }),
    });
  const language = languageNotes(participant.languages, activity.languages, lang);
  if (language) notes.push(language);
  if (participant.birthYear != null) {
    const age = now.getFullYear() - participant.birthYear;
    if (
      (activity.minAge != null && age < activity.minAge) ||
      (activity.maxAge != null && age > activity.maxAge)
    )
      notes.push({
        ok: false,
        text: t("shortlist.fit.age", {
          range: `${activity.minAge ?? ""}–${activity.maxAge ?? ""}`,
        }),
      });
  }
  notes.push(
    reachNote(
      participant,
      {
        municipality: activity.municipality,
        point: activityPoint(activity),
        online: activity.threshold.online === true,
      },
      lang,
    ),
  );
  if (participant.schedule.length > 0 && activity.schedule.length > 0) {
    const fitting = activity.schedule.filter((s) => insideWindow(s, participant.schedule));
    if (fitting.length > 0)
      for (const s of fitting)
        notes.push({ ok: true, text: t("shortlist.fit.timeFits", { time: sessionText(s, lang) }) });
    else
      for (const s of activity.schedule)
        notes.push({
          ok: false,
          text: t("shortlist.fit.timeDoesNotFit", { time: sessionText(s, lang) }),
        });
  }
  for (const [flag, wanted] of Object.entries(participant.needs) as [ThresholdFlag, boolean][]) {
    if (!wanted) continue;
    const label = t(`threshold.${flag}`).toLocaleLowerCase(languageOf(lang));
    notes.push(
      activity.threshold[flag] === true
        ? { ok: true, text: t("shortlist.fit.needMet", { need: label }) }
        : { ok: false, text: t("shortlist.fit.needMissing", { need: label }) },
    );
  }
  return notes;
}

/** The same for a pilot: capacity, language, reach, shared interests, time. */
export function explainPilotFit(
  participant: ParticipantFacts,
  pilot: PilotRow,
  lang: Locale,
): FitNote[] {
  const t = translator(lang);
  const notes: FitNote[] = [];
  if (!pilot.acceptingMentees) notes.push({ ok: false, text: t("shortlist.fit.notAccepting") });
  else if (pilot.activeMentees >= pilot.capacity)
    notes.push({ ok: false, text: t("shortlist.fit.pilotFull") });
  else
    notes.push({
      ok: true,
      text: t("shortlist.fit.pilotPlaces", {
        free: pilot.capacity - pilot.activeMentees,
        capacity: pilot.capacity,
      }),
    });
  const language = languageNotes(participant.languages, pilot.languages, lang);
  if (language) notes.push(language);
  const home = findMunicipality(pilot.municipality);
  notes.push(
    reachNote(
      participant,
      {
        municipality: pilot.municipality,
        point: home ? { lat: home.lat, lon: home.lon } : undefined,
      },
      lang,
    ),
  );
  const shared = pilot.interestKeys.filter((k) => participant.interestKeys.includes(k));
  if (shared.length > 0) {
    const matcher = getInterestMatcher();
    notes.push({
      ok: true,
      text: t("shortlist.fit.sharedInterests", {
        interests: shared.map((k) => matcher.label(k, baseLangOf(lang))).join(", "),
      }),
    });
  }
  if (participant.schedule.length > 0 && pilot.schedule.length > 0) {
    const common = pilot.schedule.filter((w) => overlaps(w, participant.schedule));
    notes.push(
      common.length > 0
        ? { ok: true, text: t("shortlist.fit.timeFits", { time: sessionText(common[0]!, lang) }) }
        : { ok: false, text: t("shortlist.fit.noCommonTime") },
    );
  }
  return notes;
}

export type ShortlistEntry = {
  id: number;
  type: "activity" | "pilot";
  targetId: number;
  ref: string;
  title: string;
  organizationName: string;
  addedByName: string | null;
  fits: boolean;
  notes: FitNote[];
};

export function listShortlist(
  participant: ParticipantFacts & { id: number },
  lang: Locale,
  db: Db = getDb(),
): ShortlistEntry[] {
  const rows = db
    .select({
      item: shortlistItems,
      activity: activities,
      pilot: pilots,
      organizationName: organizations.name,
      addedByName: users.displayName,
    })
    .from(shortlistItems)
    .leftJoin(activities, eq(activities.id, shortlistItems.activityId))
    .leftJoin(pilots, eq(pilots.id, shortlistItems.pilotId))
    .leftJoin(organizations, eq(organizations.id, activities.organizationId))
    .leftJoin(users, eq(users.id, shortlistItems.addedBy))
    .where(eq(shortlistItems.participantId, participant.id))
    .orderBy(asc(shortlistItems.createdAt), asc(shortlistItems.id))
    .all();
  const pilotOrgNames = new Map(
    db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .all()
      .map((o) => [o.id, o.name]),
  );
  return rows.flatMap((r): ShortlistEntry[] => {
    if (r.activity) {
      const notes = explainActivityFit(participant, r.activity, lang);
      return [
        {
          id: r.item.id,
          type: "activity",
          targetId: r.activity.id,
          ref: r.activity.ref,
          title: r.activity.title,
          organizationName: r.organizationName ?? "",
          addedByName: r.addedByName,
          fits: notes.every((n) => n.ok),
          notes,
        },
      ];
    }
    if (r.pilot) {
      const notes = explainPilotFit(participant, r.pilot, lang);
      return [
        {
          id: r.item.id,
          type: "pilot",
          targetId: r.pilot.id,
          ref: r.pilot.ref,
          title: r.pilot.displayName,
          organizationName: pilotOrgNames.get(r.pilot.organizationId) ?? "",
          addedByName: r.addedByName,
          fits: notes.every((n) => n.ok),
          notes,
        },
      ];
    }
    return [];
  });
}

export type ShortlistTarget = { activityRef: string } | { pilotRef: string };

/**
 * Adds an activity (open or paused, never closed) or a pilot to the list;
 * adding twice is a no-op. The caller has checked that the participant is
 * the actor's to handle.
 */
export function addToShortlist(
  actor: Actor,
  participantId: number,
  target: ShortlistTarget,
  db: Db = getDb(),
): { ok: true; added: boolean } | { ok: false; error: "target-not-found" } {
  return writeTransaction((tx) => {
    let values: { activityId?: number; pilotId?: number };
    if ("activityRef" in target) {
      const a = tx
        .select({ id: activities.id, status: activities.status })
        .from(activities)
        .where(eq(activities.ref, target.activityRef))
        .get();
      if (!a || a.status === "closed")
        return { ok: false as const, error: "target-not-found" as const };
      values = { activityId: a.id };
    } else {
      const p = tx
        .select({ id: pilots.id })
        .from(pilots)
        .where(eq(pilots.ref, target.pilotRef))
        .get();
      if (!p) return { ok: false as const, error: "target-not-found" as const };
      values = { pilotId: p.id };
    }
    const inserted = tx
      .insert(shortlistItems)
      .values({
        participantId,
        ...values,
        addedBy: actor.kind === "user" ? actor.userId : null,
      })
      .onConflictDoNothing()
      .returning({ id: shortlistItems.id })
      .get();
    if (inserted) {
      recordAudit(tx, actor, {
        action: "shortlist.add",
        entityType: "shortlist_item",
        entityId: inserted.id,
        participantId,
        changes: {
          target: {
            before: null,
            after:
              "activityRef" in target
                ? `activity:${target.activityRef}`
                : `pilot:${target.pilotRef}`,
          },
        },
      });
    }
    return { ok: true as const, added: Boolean(inserted) };
  }, db);
}

export function removeFromShortlist(
  actor: Actor,
  participantId: number,
  itemId: number,
  db: Db = getDb(),
) {
  return writeTransaction((tx) => {
    const removed = tx
      .delete(shortlistItems)
      .where(and(eq(shortlistItems.id, itemId), eq(shortlistItems.participantId, participantId)))
      .run().changes;
    if (removed > 0) {
      recordAudit(tx, actor, {
        action: "shortlist.remove",
        entityType: "shortlist_item",
        entityId: itemId,
        participantId,
      });
    }
    return removed > 0;
  }, db);
}

// ---------- browsing the catalog together ----------

export const BROWSING_COOKIE = "luotsi_browsing";

/** The ref of the participant a worker is browsing with (a ref, never personal data). */
export function readBrowsingRef(request: Request): string | undefined {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === BROWSING_COOKIE) {
      const ref = decodeURIComponent(v.join("="));
      return /^[\w.-]{1,100}$/.test(ref) ? ref : undefined;
    }
  }
  return undefined;
}

/**
 * The browsing cookie (a ref, but a participant's): Secure whenever the
 * request is https, like the session's, and cleared at sign-in and sign-out
 * so that it never outlives the worker's session on a shared computer.
 */
export function browsingCookie(request: Request, ref: string | null) {
  const parts = [
    `${BROWSING_COOKIE}=${ref ? encodeURIComponent(ref) : ""}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${ref ? 28800 : 0}`,
  ];
  if (isSecureRequest(request)) parts.push("Secure");
  return parts.join("; ");
}

/**
 * Whose list the catalog's "add" button fills: a signed-in worker's open
 * participant (only a ref of the worker's own organization counts; no record
 * read), or a signed-in participant's own list, so the two can browse side
 * by side on the participant's own phone too.
 */
export async function getBrowsingParticipant(
  request: Request,
): Promise<{ ref: string; self: boolean } | null> {
  const user = await getOptionalUser(request);
  if (!user) return null;
  if (user.role === "participant") {
    const own = getOwnParticipant(user);
    return own ? { ref: own.ref, self: true } : null;
  }
  const ref = readBrowsingRef(request);
  if (!ref || user.role !== "worker") return null;
  const found = participantExistsForWorker(user, ref);
  return found ? { ref: found.ref, self: false } : null;
}
