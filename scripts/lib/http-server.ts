import crypto from "node:crypto";
import path from "node:path";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { getEnv } from "#app/infra/env.server.ts";
import { checkOrigin, isSecureRequest } from "#app/infra/http.server.ts";

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

export function createExpressApp(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  dev?: boolean;
  publicDir?: string;
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
  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      mode: options.dev ? "development" : "production",
      getLoadContext: (req, res) => ({
        nonce: res.locals.nonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
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
