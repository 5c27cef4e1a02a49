import contentDisposition from "content-disposition";
import { getEnv } from "./env.server.ts";

/**
 * A X-Forwarded-* value as the outermost trusted proxy wrote it. Proxies
 * append to these lists, so with TRUST_PROXY = n only the last n entries
 * come from our proxies; anything left of them is what the client sent.
 * undefined when no proxy is trusted or the header is missing.
 */
export function trustedForwarded(value: string | null | undefined): string | undefined {
  const hops = getEnv().TRUST_PROXY;
  if (hops <= 0 || !value) return undefined;
  const entries = value.split(",").map((v) => v.trim());
  return entries[Math.max(0, entries.length - hops)] || undefined;
}

/** https directly, or through a TLS proxy that says so when TRUST_PROXY is set. */
export function isSecureRequest(request: Request) {
  const url = new URL(request.url);
  if (url.protocol === "https:") return true;
  return trustedForwarded(request.headers.get("X-Forwarded-Proto")) === "https";
}

/**
 * The origin a browser on this site sends, for the Origin check: PUBLIC_URL
 * when it is set (other host names never reach the app then), else this
 * request's own origin as the last trusted proxy saw it.
 */
export function expectedOrigin(request: Request) {
  const env = getEnv();
  if (env.PUBLIC_URL) return env.PUBLIC_URL;
  const url = new URL(request.url);
  const proto = trustedForwarded(request.headers.get("X-Forwarded-Proto"));
  const host = trustedForwarded(request.headers.get("X-Forwarded-Host"));
  return `${proto ?? url.protocol.replace(":", "")}://${host ?? url.host}`;
}

/**
 * The site's own origin for absolute URLs (links in mail, JSON-LD, sitemaps):
 * `PUBLIC_URL`, or this machine's port for `npm start`. Never the request's
 * Host header, which a client writes (a cached page or a mailed link would
 * otherwise carry an attacker's host).
 */
export function publicOrigin() {
  const env = getEnv();
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/** An absolute URL of a path on this site. */
export function absoluteUrl(pathname: string) {
  return new URL(pathname, publicOrigin()).toString();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every non-GET: the Origin must be this site's. A missing or
 * "null" Origin fails closed (browsers send it on every POST).
 */
export function checkOrigin(request: Request): { ok: true } | { ok: false; reason: string } {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") return { ok: false, reason: "missing Origin header" };
  if (origin !== expectedOrigin(request)) return { ok: false, reason: "cross-site request" };
  return { ok: true };
}

/** The one "not found": unknown, malformed and other organizations' records alike. */
export function notFound() {
  return new Response("Not found", { status: 404 });
}

/** The value, or a thrown 404 (a route's `orNotFound(parseRef(params.ref))`). */
export function orNotFound<T>(value: T | null | undefined): T {
  if (value == null) throw notFound();
  return value;
}

/**
 * HTTP status for a module's error code. Modules return typed errors; the
 * codes they share mean the same everywhere: "invalid" 400, "forbidden" 403,
 * "not-found" 404; any other refusal of a valid request is a conflict (409).
 */
export function statusOfError(code: string) {
  if (code === "invalid") return 400;
  if (code === "forbidden") return 403;
  if (code === "not-found") return 404;
  return 409;
}

/** The one JSON response of routes and APIs (loaders may also return plain objects). */
/**
 * `Content-Disposition: attachment` for a download, encoded by a library
 * (RFC 6266 / 8187): quotes, backslashes, line breaks and non-ASCII letters
 * in a name (refs are data) can neither break the header nor add a parameter.
 */
export function attachmentHeader(filename: string) {
  return contentDisposition.create(filename, { type: "attachment" });
}

export function jsonResponse(data: unknown, init: number | ResponseInit = 200) {
  const base = typeof init === "number" ? { status: init } : init;
  const headers = new Headers(base.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(data), { ...base, headers });
}

/**
 * Before a form's write: the values its page shows again should the
 * database stay busy, so that what the person typed survives a 503
 * (the server answers with them, scripts/lib/http-server.ts). Passwords
 * are never kept.
 */
export function keepFormValues(context: unknown, values: unknown) {
  if (context && typeof context === "object")
    (context as { formValues?: unknown }).formValues = values;
}

export function keptFormValues(context: unknown): unknown {
  return (context as { formValues?: unknown } | undefined)?.formValues;
}

export function clientIp(context: unknown): string {
  const ip = (context as { clientIp?: string } | undefined)?.clientIp;
  return ip ?? "unknown";
}

/** One cookie's value from a Cookie header (undefined when absent or not decodable). */
export function readCookie(cookieHeader: string | null | undefined, name: string) {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The answer to a public form its gate refused (`/join/*`, ADR 023): a bot
 * gets the answer of any other refused form and learns nothing; an address
 * over its limit gets 429 with Retry-After.
 */
export function refusedPublicFormResponse(
  refusal: { reason: "bot" } | { reason: "rate-limited"; retryAfterSeconds: number },
) {
  if (refusal.reason === "bot")
    return jsonResponse({ fieldErrors: {}, formError: "join.rejected" }, 400);
  return jsonResponse(
    { fieldErrors: {}, formError: "join.rateLimited" },
    { status: 429, headers: { "Retry-After": String(refusal.retryAfterSeconds) } },
  );
}
