import crypto from "node:crypto";
import path from "node:path";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { getEnv } from "#app/infra/env.server.ts";
import { checkOrigin, isSecureRequest } from "#app/infra/http.server.ts";
import { tileImageSource } from "#app/infra/map-tiles.server.ts";
import { addressLocale, getLocale } from "#app/infra/i18n/lang.server.ts";
import {
  isAnonymousCookieHeader,
  PageCache,
  publicPageVariant,
  readPublicContentVersion,
  renderCachedBody,
} from "#app/infra/page-cache.server.ts";

/**
 * Security headers for every response. Remix's inline scripts carry the
 * per-response nonce; the maps' tiles come from MAP_TILE_URL's host.
 */
function securityHeaders(nonce: string, secure: boolean, dev: boolean) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Leaflet positions tiles and markers with style attributes.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: ${tileImageSource()}`,
    `connect-src 'self'${dev ? " ws://localhost:* ws://127.0.0.1:*" : ""}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (secure && getEnv().NODE_ENV === "production") {
    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  }
  return headers;
}

/**
 * Headers that belong to one response (or that the earlier middleware sets afresh), never
 * replayed. An ETag is replayed: resources set one from their body, which the cache keeps whole.
 */
const UNCACHED_HEADERS = new Set([
  "set-cookie",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "date",
  "vary",
  ...Object.keys(securityHeaders("", true, false)).map((h) => h.toLowerCase()),
  "strict-transport-security",
]);
const MAX_CACHED_BYTES = 1024 * 1024;

/**
 * Serves anonymous GETs of public pages from the page cache and stores the
 * responses whose loader allowed it (app/infra/page-cache.server.ts).
 */
function publicPageCache(cache: PageCache): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" || !isAnonymousCookieHeader(req.headers.cookie)) return next();
    // The Request the security middleware already built for this response.
    // The full locale (plain Finnish is not Finnish), as the pages choose it.
    const locale = getLocale(res.locals.request as Request);
    // The remembered place changes the catalog's order (ADR 005, issue #13).
    const variant = publicPageVariant(req.headers.cookie);
    const key = `${locale} ${JSON.stringify(variant)} ${readPublicContentVersion()} ${req.originalUrl}`;
    const nonce = res.locals.nonce as string;
    const hit = cache.get(key);
    if (hit) {
      res.status(hit.status);
      for (const [name, value] of hit.headers) res.append(name, value);
      res.set("X-Cache", "hit");
      res.send(renderCachedBody(hit, nonce));
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    const write = res.write;
    const end = res.end;
    const collect = (chunk: unknown, encoding: unknown) => {
      // The loader has run before the first byte: pages it did not allow are not kept.
      if (res.locals.publicCacheable !== true) return;
      if (chunk == null || typeof chunk === "function" || size > MAX_CACHED_BYTES) return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      chunks.push(buffer);
    };
    res.write = function (this: express.Response, chunk: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).apply(this, [chunk, ...rest]);
    } as typeof res.write;
    res.end = function (this: express.Response, chunk?: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      const result = (end as (...a: unknown[]) => express.Response).apply(this, [chunk, ...rest]);
      if (
        res.locals.publicCacheable === true &&
        res.statusCode === 200 &&
        !res.getHeader("set-cookie") &&
        size <= MAX_CACHED_BYTES
      ) {
        const headers: [string, string][] = [];
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (UNCACHED_HEADERS.has(name.toLowerCase()) || value == null) continue;
          for (const v of Array.isArray(value) ? value : [String(value)]) headers.push([name, v]);
        }
        cache.set(key, {
          status: res.statusCode,
          headers,
          body: Buffer.concat(chunks).toString("utf8"),
          nonce,
        });
      }
      return result;
    } as typeof res.end;
    next();
  };
}

/**
 * `Vary` for pages (ADR 010): every document and Remix data answer depends on
 * the session cookie; one whose address names no language (`?lang=`) also
 * on the language cookie and Accept-Language. Resource routes (open data,
 * calendars, the sitemap) depend on neither and are left alone. Set as the
 * headers go out, so cached pages get it too.
 */
function varyPages(): express.RequestHandler {
  return (_req, res, next) => {
    const request = res.locals.request as Request;
    const isData = new URL(request.url).searchParams.has("_data");
    const negotiated = addressLocale(request) === null;
    const writeHead = res.writeHead;
    res.writeHead = function (this: express.Response, ...args: unknown[]) {
      const type = String(res.getHeader("content-type") ?? "");
      if (type.startsWith("text/html") || (isData && type.startsWith("application/json"))) {
        res.vary("Cookie");
        if (negotiated) res.vary("Accept-Language");
      }
      return (writeHead as (...a: unknown[]) => express.Response).apply(this, args);
    } as typeof res.writeHead;
    next();
  };
}

export function createExpressApp(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  dev?: boolean;
  publicDir?: string;
  /** On by default in production; live reload needs every page rendered afresh. */
  pageCache?: boolean;
}) {
  const app = express();
  const env = getEnv();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY === "1") app.set("trust proxy", true);
  app.use(compression());
  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    const proto = req.protocol;
    const fakeRequest = new Request(
      `${proto}://${req.get("host") ?? "localhost"}${req.originalUrl}`,
      {
        method: req.method,
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(([, v]) => typeof v === "string"),
        ) as Record<string, string>,
      },
    );
    res.locals.request = fakeRequest;
    res.set(securityHeaders(nonce, isSecureRequest(fakeRequest), options.dev === true));
    // CSRF: every non-GET must come from this site.
    const origin = checkOrigin(fakeRequest);
    if (!origin.ok) {
      res.status(403).type("text/plain").send(`Forbidden: ${origin.reason}`);
      return;
    }
    next();
  });
  const publicDir = options.publicDir ?? path.resolve("public");
  app.use(
    "/build",
    express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }),
  );
  app.use(express.static(publicDir, { maxAge: "1h", index: false }));
  app.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  app.use(varyPages());
  if ((options.pageCache ?? !options.dev) && env.PAGE_CACHE !== "off") {
    app.use(publicPageCache(new PageCache()));
  }
  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      mode: options.dev ? "development" : "production",
      getLoadContext: (req, res) => ({
        nonce: res.locals.nonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        allowPublicCaching: () => {
          res.locals.publicCacheable = true;
        },
      }),
    }),
  );
  return app;
}

export function listen(app: express.Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host ? app.listen(port, host) : app.listen(port);
    server.once("listening", () => resolve(server));
    server.once("error", reject);
  });
}
