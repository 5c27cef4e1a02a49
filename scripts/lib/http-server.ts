import crypto from "node:crypto";
import path from "node:path";
import type { Server } from "node:http";
import {
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import { getEnv } from "#app/infra/env.server.ts";
import { busyRetryAfterSeconds, isDatabaseBusy } from "#app/infra/db.server.ts";
import {
  checkBodyHeaders,
  checkFormBody,
  FORM_BODY_LIMIT,
  TOO_LARGE,
  type BodyProblem,
} from "#app/infra/form-body.server.ts";
import {
  checkOrigin,
  isSecureRequest,
  keptFormValues,
  trustedForwarded,
} from "#app/infra/http.server.ts";
import { translator, type MessageKey } from "#app/infra/i18n/i18n.ts";
import { addressLocale, getLang, getLocale } from "#app/infra/i18n/lang.server.ts";
import { tileImageSource } from "#app/infra/map-tiles.server.ts";
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

/**
 * `Vary` for pages (ADR 012): every document and Remix data answer depends on
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

/** A clear, translated plain-text answer for requests that never reach a route. */
function refuse(res: express.Response, status: number, message: MessageKey) {
  const t = translator(getLang(res.locals.request as Request));
  res
    .status(status)
    .type("text/plain")
    .send(`${t(message)}\n`);
}

/** The host name the browser used: the outermost trusted proxy's X-Forwarded-Host, else Host. */
function requestedHost(req: express.Request) {
  const forwarded = trustedForwarded(req.get("X-Forwarded-Host"));
  return forwarded ?? req.get("host") ?? "";
}

/**
 * With PUBLIC_URL set, the site answers only to its own host name (421
 * Misdirected Request otherwise), so no page, redirect or cache entry is
 * ever made for a host a client made up. /healthz answers on any host:
 * load balancers call it by address.
 */
function onlyPublicHost(publicUrl: string): express.RequestHandler {
  const expected = new URL(publicUrl);
  return (req, res, next) => {
    if (req.path === "/healthz") return next();
    let host: string | undefined;
    try {
      host = new URL(`${expected.protocol}//${requestedHost(req)}`).host;
    } catch {
      host = undefined;
    }
    if (host !== expected.host) return refuse(res, 421, "request.misdirected");
    next();
  };
}

/**
 * The request-parsing layer (app/infra/form-body.server.ts): every non-GET
 * body is read here, up to FORM_BODY_LIMIT, and checked to be a readable
 * form before the route's action runs; the action gets the bytes read.
 */
function readFormBodies(): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const contentType = req.get("content-type");
    const before = checkBodyHeaders({
      contentType,
      contentLength: req.get("content-length"),
      chunked: req.get("transfer-encoding") !== undefined,
    });
    const fail = (problem: BodyProblem) => {
      // The client may still be sending: drain what comes, then close the connection.
      res.set("Connection", "close");
      req.resume();
      refuse(res, problem.status, problem.message);
    };
    if (before) return fail(before);
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > FORM_BODY_LIMIT) {
        failed = true;
        chunks.length = 0;
        fail(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", (e) => {
      if (!failed) next(e);
      failed = true;
    });
    req.on("end", () => {
      if (failed) return;
      const body = Buffer.concat(chunks);
      checkFormBody(contentType, body).then((problem) => {
        if (problem) return refuse(res, problem.status, problem.message);
        res.locals.body = body;
        next();
      }, next);
    });
  };
}

/**
 * This request's URL as the browser asked for it: scheme and host as the
 * outermost trusted proxy saw them (TRUST_PROXY's hop count, never what a
 * client wrote further left), else this server's own.
 */
function requestUrl(req: express.Request) {
  const proto = trustedForwarded(req.get("X-Forwarded-Proto")) === "https" ? "https" : "http";
  return new URL(`${proto}://${requestedHost(req) || "localhost"}${req.originalUrl}`);
}

/**
 * Remix's request from Express's, as @remix-run/express builds it but with
 * the body the parsing layer already read and the URL from requestUrl().
 * The route's signal aborts when the client goes away before the answer.
 */
function remixRequest(req: express.Request, res: express.Response): Request {
  const url = requestUrl(req);
  const controller = new AbortController();
  let answered = false;
  res.on("finish", () => (answered = true));
  res.on("close", () => {
    if (!answered) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, v);
  }
  const init: RequestInit = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = (res.locals.body as Buffer | undefined) ?? Buffer.alloc(0);
    // A bare POST without a body is an empty form.
    if (!headers.has("content-type"))
      headers.set("content-type", "application/x-www-form-urlencoded");
    init.body = new Uint8Array(body);
  }
  return new Request(url.href, init);
}

function remixHandler(
  build: ServerBuild | (() => Promise<ServerBuild>),
  mode: string,
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext,
): express.RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      let request: Request;
      try {
        request = remixRequest(req, res);
      } catch {
        // A Host header no URL can be made of.
        return refuse(res, 400, "request.malformed");
      }
      const response = await handle(request, getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [name, value] of response.headers.entries()) res.append(name, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
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
  // A hop count: req.ip is the address the last trusted proxy saw, never the client's own claim.
  app.set("trust proxy", env.TRUST_PROXY);
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
    let fakeRequest: Request;
    try {
      fakeRequest = new Request(requestUrl(req), {
        method: req.method,
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(([, v]) => typeof v === "string"),
        ) as Record<string, string>,
      });
    } catch {
      res.status(400).type("text/plain").send("Bad request\n");
      return;
    }
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
  if (env.PUBLIC_URL) app.use(onlyPublicHost(env.PUBLIC_URL));
  const publicDir = options.publicDir ?? path.resolve("public");
  app.use(
    "/build",
    express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }),
  );
  app.use(express.static(publicDir, { maxAge: "1h", index: false }));
  app.use(varyPages());
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
  app.use(readFormBodies());
  const build = options.build;
  const guarded = new WeakMap<ServerBuild, ServerBuild>();
  const withBusyAnswers = (b: ServerBuild) => {
    let wrapped = guarded.get(b);
    if (!wrapped) guarded.set(b, (wrapped = answerBusyDatabase(b)));
    return wrapped;
  };
  app.all(
    "*",
    remixHandler(
      typeof build === "function"
        ? async () => withBusyAnswers(await build())
        : withBusyAnswers(build),
      options.dev ? "development" : "production",
      (req, res) => ({
        nonce: res.locals.nonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        allowPublicCaching: () => {
          res.locals.publicCacheable = true;
        },
        databaseBusy: () => {
          res.locals.databaseBusy = true;
        },
      }),
    ),
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
