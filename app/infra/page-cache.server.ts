import type { Statement } from "better-sqlite3";
import { SESSION_COOKIE } from "./auth.server.ts";
import { getDb, type Db } from "./db.server.ts";
import { readCookie } from "./http.server.ts";

/**
 * A cache of whole anonymous public pages (the catalog and activity pages),
 * in each server process. Rendering such a page costs ~15 ms of CPU, nearly
 * all of it React and Remix; serving a stored copy costs well under one.
 *
 * Correctness rests on the key, not on expiry: it holds the search outbox's
 * sequence and its pending count, and every write that changes what a public
 * page shows adds an outbox row in the same transaction (ADR 005). So a write
 * from any process, and the drain that later brings Meilisearch up to date,
 * each move the key. The TTL only bounds what depends on the clock.
 *
 * A loader opts in per response with `allowPublicCaching(context)`, once it
 * knows the page is the same for every anonymous visitor. Signed-in requests
 * never touch the cache, in either direction.
 */
export type PageCacheContext = { allowPublicCaching?: () => void };

export function allowPublicCaching(context: unknown) {
  (context as PageCacheContext | undefined)?.allowPublicCaching?.();
}

/** True when the request carries no session cookie (a stale one also counts as signed in: no cache). */
export function isAnonymousCookieHeader(cookieHeader: string | null | undefined): boolean {
  if (!cookieHeader) return true;
  return !cookieHeader.split(";").some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`));
}

/**
 * The catalog remembers the place of the last search in this cookie and
 * lists activities near it first when no place is given (issue #13). A page
 * that depends on it must not be served to a visitor with another place (or
 * none), so the cookie's value is part of the cache key.
 */
export const REMEMBERED_PLACE_COOKIE = "luotsi_place";
const REMEMBERED_PLACE_MAX = 60;

export function readRememberedPlace(cookieHeader: string | null | undefined) {
  const value = readCookie(cookieHeader, REMEMBERED_PLACE_COOKIE)?.trim();
  return value && value.length <= REMEMBERED_PLACE_MAX ? value : undefined;
}

/** Set-Cookie for the remembered place; `undefined` forgets it. */
export function rememberedPlaceCookie(place: string | undefined) {
  return place
    ? `${REMEMBERED_PLACE_COOKIE}=${encodeURIComponent(place)}; Path=/; Max-Age=7776000; SameSite=Lax; HttpOnly`
    : `${REMEMBERED_PLACE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`;
}

/** The part of the cache key that varies by cookie besides the language: the remembered place. */
export function publicPageVariant(cookieHeader: string | null | undefined): string {
  return readRememberedPlace(cookieHeader) ?? "";
}

/** What moves whenever a public page's content may have changed (see above). */
const versionStatements = new WeakMap<Db["$client"], Statement>();

export function readPublicContentVersion(db: Db = getDb()): string {
  // Asked on every anonymous GET: the statement is compiled once per connection.
  let statement = versionStatements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare(
      `select (select seq from sqlite_sequence where name = 'search_outbox') as seq,
              (select count(*) from search_outbox) as pending`,
    );
    versionStatements.set(db.$client, statement);
  }
  const row = statement.get() as { seq: number | null; pending: number };
  return `${row.seq ?? 0}.${row.pending}`;
}

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: string;
  /** The CSP nonce the body was rendered with; each response gets its own. */
  nonce: string;
  storedAt: number;
};

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  constructor(
    private readonly maxEntries = 500,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (this.now() - page.storedAt > this.ttlMs) {
      this.pages.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting makes it the most recently used.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  set(key: string, page: Omit<CachedPage, "storedAt">) {
    this.pages.delete(key);
    this.pages.set(key, { ...page, storedAt: this.now() });
    while (this.pages.size > this.maxEntries) {
      const oldest = this.pages.keys().next().value as string;
      this.pages.delete(oldest);
    }
  }

  get size() {
    return this.pages.size;
  }
}

/** The body for one response: the stored page with this response's nonce. */
export function renderCachedBody(page: CachedPage, nonce: string): string {
  return page.nonce ? page.body.split(page.nonce).join(nonce) : page.body;
}
