import crypto from "node:crypto";
import path from "node:path";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { getEnv } from "#app/infra/env.server.ts";
import { busyRetryAfterSeconds, isDatabaseBusy } from "#app/infra/db.server.ts";
import { checkOrigin, isSecureRequest, keptFormValues } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { checkHealth } from "#app/modules/health/health.server.ts";
import {
  isAnonymousCookieHeader,
  PageCache,
  publicPageVariant,
  readPublicContentVersion,
  renderCachedBody,
} from "#app/infra/page-cache.server.ts";

/**
 * Security headers for every response. Remix's inline scripts carry the
 * per-response nonce; map tiles for the staff place picker come from OSM.
 */
function securityHeaders(nonce: string, secure: boolean, dev: boolean) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https://tile.openstreetmap.org",
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

/** Headers that belong to one response (or that the earlier middleware sets afresh), never replayed. */
const UNCACHED_HEADERS = new Set([
  "set-cookie",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "date",
  "etag",
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
    const lang = getLang(res.locals.request as Request);
    // The remembered place changes the catalog's order (ADR 005, issue #13).
    const variant = publicPageVariant(req.headers.cookie);
    const key = `${lang} ${JSON.stringify(variant)} ${readPublicContentVersion()} ${req.originalUrl}`;
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

type DataFunction = (args: { request: Request; context: unknown }) => unknown;

/**
 * Every route's loader and action, answering a database that stayed locked
 * past the busy timeout (SQLITE_BUSY) with 503 and Retry-After instead of
 * a 500. A page's action returns its form's kept values with a form-level
 * message, so the form is shown again as the person filled it, with or
 * without JavaScript (keepFormValues in app/infra/http.server.ts); a
 * page's loader shows the error page's "busy" text; an API answers JSON.
 */
export function answerBusyDatabase(build: ServerBuild): ServerBuild {
  const wrap = (
    routeId: string,
    kind: "loader" | "action",
    fn: DataFunction | undefined,
    isPage: boolean,
  ): DataFunction | undefined => {
    if (!fn) return undefined;
    return async (args) => {
      try {
        return await fn(args);
      } catch (e) {
        if (!isDatabaseBusy(e)) throw e;
        const retryAfter = String(busyRetryAfterSeconds());
        (args.context as { databaseBusy?: () => void } | undefined)?.databaseBusy?.();
        console.warn(`database busy: ${kind} of ${routeId} answered 503`);
        const headers = { "Retry-After": retryAfter, "Cache-Control": "no-store" };
        if (!isPage)
          return Response.json(
            { error: "the database is busy; try again in a moment" },
            { status: 503, headers },
          );
        if (kind === "loader") throw new Response("busy", { status: 503, headers });
        return Response.json(
          {
            busy: true,
            fieldErrors: { _form: "common.busy" },
            values: keptFormValues(args.context),
          },
          { status: 503, headers },
        );
      }
    };
  };
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = route.module as typeof route.module & {
      loader?: DataFunction;
      action?: DataFunction;
    };
    const isPage = typeof module.default === "function";
    routes[id] = {
      ...route,
      module: {
        ...module,
        loader: wrap(id, "loader", module.loader, isPage),
        action: wrap(id, "action", module.action, isPage),
      } as typeof route.module,
    };
  }
  return { ...build, routes };
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
  // First of all, before any check of the Host header or the Origin: load
  // balancers call it by address. JSON states and counts only (no personal data).
  app.get("/healthz", (_req, res) => {
    res.set({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
    checkHealth().then(
      (health) => res.status(health.status === "failing" ? 503 : 200).json(health),
      () => res.status(503).json({ status: "failing" }),
    );
  });
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
  if ((options.pageCache ?? !options.dev) && env.PAGE_CACHE !== "off") {
    app.use(publicPageCache(new PageCache()));
  }
  // A page rendered after a busy write (no JavaScript: the whole document) says when to retry too.
  app.use((_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: express.Response, ...args: unknown[]) {
      if (res.locals.databaseBusy === true && !res.getHeader("Retry-After"))
        res.setHeader("Retry-After", String(busyRetryAfterSeconds()));
      return (writeHead as (...a: unknown[]) => express.Response).apply(this, args);
    } as typeof res.writeHead;
    next();
  });
  const build = options.build;
  const guarded = new WeakMap<ServerBuild, ServerBuild>();
  const withBusyAnswers = (b: ServerBuild) => {
    let wrapped = guarded.get(b);
    if (!wrapped) guarded.set(b, (wrapped = answerBusyDatabase(b)));
    return wrapped;
  };
  app.all(
    "*",
    createRequestHandler({
      build:
        typeof build === "function"
          ? async () => withBusyAnswers(await build())
          : withBusyAnswers(build),
      mode: options.dev ? "development" : "production",
      getLoadContext: (req, res) => ({
        nonce: res.locals.nonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        allowPublicCaching: () => {
          res.locals.publicCacheable = true;
        },
        databaseBusy: () => {
          res.locals.databaseBusy = true;
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
