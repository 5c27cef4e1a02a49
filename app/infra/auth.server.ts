import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { redirect } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import {
  Lucia,
  TimeSpan,
  type DatabaseSession,
  type DatabaseUser,
  type Session,
  type User,
} from "lucia";
import { sessions, users } from "#db/schema.ts";
import { getDb, preparedOnce, type Db } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import { isSecureRequest, jsonResponse } from "./http.server.ts";
import { singleton } from "./singleton.server.ts";

/** The users table's role column (its values are the auth module's ROLES): infra knows no module. */
export type Role = (typeof users.$inferSelect)["role"];

export const SESSION_COOKIE = "luotsi_session";
export const PROFESSIONAL_ROLES = ["admin", "staff", "worker"] as const satisfies readonly Role[];

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: {
      email: string;
      role: Role;
      organizationId: number | null;
      displayName: string;
      active: boolean;
    };
    DatabaseSessionAttributes: { createdAt: number };
  }
}

/**
 * lucia's drizzle adapter, with the lookup every signed-in request makes
 * (often two or three times: the root's loader and the route's) as one
 * prepared statement: the adapter builds and prepares two queries per call
 * (issue #15). It reads only the user's columns lucia passes on, never the
 * password hash. Everything else is the adapter's.
 */
class SessionAdapter extends DrizzleSQLiteAdapter {
  constructor(private readonly database: Db) {
    super(database, sessions, users);
  }

  override async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const db = this.database;
    const lookup = preparedOnce(db, "sessionAndUser", () =>
      db
        .select({
          id: sessions.id,
          userId: sessions.userId,
          expiresAt: sessions.expiresAt,
          createdAt: sessions.createdAt,
          // null when the user is gone: lucia then deletes the session.
          user: {
            email: users.email,
            role: users.role,
            organizationId: users.organizationId,
            displayName: users.displayName,
            active: users.active,
          },
        })
        .from(sessions)
        .leftJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, sql.placeholder("id")))
        .prepare(),
    );
    const row = lookup.get({ id: sessionId });
    if (!row) return [null, null];
    return [
      {
        id: row.id,
        userId: row.userId,
        expiresAt: new Date(row.expiresAt * 1000),
        attributes: { createdAt: row.createdAt },
      },
      row.user ? { id: row.userId, attributes: row.user } : null,
    ];
  }
}

function createLucia() {
  const adapter = new SessionAdapter(getDb());
  return new Lucia(adapter, {
    // Sliding idle timeout; the absolute limit is checked in getSessionUser.
    sessionExpiresIn: new TimeSpan(getEnv().SESSION_IDLE_MINUTES, "m"),
    sessionCookie: { name: SESSION_COOKIE, expires: false, attributes: { sameSite: "lax" } },
    getSessionAttributes: (a) => ({ createdAt: a.createdAt }),
    getUserAttributes: (a) => ({
      email: a.email,
      role: a.role,
      organizationId: a.organizationId,
      displayName: a.displayName,
      active: a.active,
    }),
  });
}

export function getLucia() {
  return singleton("lucia", createLucia);
}

export type SessionUser = User;

/** argon2id with OWASP's minimum: 19 MiB memory, 2 iterations, parallelism 1. */
const ARGON2 = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
  algorithm: 2,
} as const;

export function hashPassword(password: string) {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string, password: string) {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Spends the same time as a real check, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string) {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  await verifyPassword(await dummyHash, password);
  return false;
}

function serializeCookie(request: Request, value: string, maxAge?: number) {
  const parts = [`${SESSION_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (maxAge !== undefined) parts.push(`Max-Age=${maxAge}`);
  if (isSecureRequest(request)) parts.push("Secure");
  return parts.join("; ");
}

/** A new session on every sign-in (no fixation); the cookie is Secure whenever the request is https. */
export async function createUserSession(request: Request, userId: string) {
  const session = await getLucia().createSession(userId, {
    createdAt: Math.floor(Date.now() / 1000),
  });
  return serializeCookie(request, session.id);
}

export function blankSessionCookie(request: Request) {
  return serializeCookie(request, "", 0);
}

function isProfessional(role: Role) {
  return (PROFESSIONAL_ROLES as readonly string[]).includes(role);
}

export async function getSessionUser(
  request: Request,
): Promise<{ user: SessionUser; session: Session } | undefined> {
  const lucia = getLucia();
  const id = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!id) return undefined;
  const { user, session } = await lucia.validateSession(id);
  if (!user || !session) return undefined;
  if (!user.active) {
    await lucia.invalidateSession(session.id);
    return undefined;
  }
  const absoluteLimit = getEnv().SESSION_ABSOLUTE_HOURS * 3600;
  if (isProfessional(user.role) && Date.now() / 1000 - session.createdAt > absoluteLimit) {
    await lucia.invalidateSession(session.id);
    return undefined;
  }
  return { user, session };
}

/**
 * When the session ends if nothing more happens (ms since the epoch): the
 * sliding idle limit, or the absolute limit of a professional's session if
 * that comes first. The browser warns before it (WCAG 2.2.1).
 */
export function sessionEndsAt(found: { user: SessionUser; session: Session }): number {
  const idleEnd = found.session.expiresAt.getTime();
  if (!isProfessional(found.user.role)) return idleEnd;
  const absoluteEnd = (found.session.createdAt + getEnv().SESSION_ABSOLUTE_HOURS * 3600) * 1000;
  return Math.min(idleEnd, absoluteEnd);
}

/**
 * The end of the request's session without extending it (validating a
 * session slides it, and a check whether to warn must not keep it alive).
 */
export async function peekSessionEnd(request: Request): Promise<number | null> {
  const lucia = getLucia();
  const id = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!id) return null;
  const [row] = await getDb()
    .select({
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      role: users.role,
      active: users.active,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row || !row.active) return null;
  const end = sessionEndsAt({
    user: { role: row.role } as SessionUser,
    session: { expiresAt: new Date(row.expiresAt * 1000), createdAt: row.createdAt } as Session,
  });
  return end > Date.now() ? end : null;
}

/**
 * "Continue the session": a full idle period from now, whatever is left
 * (lucia itself slides a session only once half of it has passed).
 */
export async function extendSession(request: Request): Promise<number | null> {
  const found = await getSessionUser(request);
  if (!found) return null;
  const expiresAt = Date.now() + getEnv().SESSION_IDLE_MINUTES * 60_000;
  await getDb()
    .update(sessions)
    .set({ expiresAt: Math.floor(expiresAt / 1000) })
    .where(eq(sessions.id, found.session.id));
  return sessionEndsAt({ ...found, session: { ...found.session, expiresAt: new Date(expiresAt) } });
}

export async function getOptionalUser(request: Request) {
  return (await getSessionUser(request))?.user;
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const to = `${url.pathname}${url.search}`;
  // A session cookie that no longer opens a session: it ended, and sign-in says so.
  const expired = getLucia().readSessionCookie(request.headers.get("Cookie") ?? "")
    ? "&expired=1"
    : "";
  return redirect(`/login?redirectTo=${encodeURIComponent(to)}${expired}`);
}

/** First thing in every protected loader and action. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const found = await getSessionUser(request);
  if (!found) throw signInRedirect(request);
  return found.user;
}

export async function requireRole<R extends Role>(request: Request, roles: readonly R[]) {
  const user = await requireUser(request);
  if (!(roles as readonly Role[]).includes(user.role)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user as SessionUser & { role: R };
}

/** For JSON APIs: 401 rather than a redirect to the sign-in page. */
export async function requireApiUser(request: Request) {
  const found = await getSessionUser(request);
  if (!found) {
    throw jsonResponse({ error: "sign in required" }, 401);
  }
  return found.user;
}

export function requireOrganization(user: SessionUser): number {
  if (user.organizationId == null) throw new Response("Forbidden", { status: 403 });
  return user.organizationId;
}

export async function signOut(request: Request) {
  const found = await getSessionUser(request);
  if (found) await getLucia().invalidateSession(found.session.id);
  return blankSessionCookie(request);
}

export function findUserByEmail(email: string) {
  return getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export async function endAllSessions(userId: string) {
  await getLucia().invalidateUserSessions(userId);
}
