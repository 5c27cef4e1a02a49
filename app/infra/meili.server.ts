import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Meilisearch } from "meilisearch";
import { Agent, request } from "undici";
import { getEnv } from "./env.server.ts";
import { singleton } from "./singleton.server.ts";

export type MeiliConfig = { url: string; key: string; pid?: number };

/** Error from Meilisearch's HTTP API, with its machine-readable code. */
export class MeiliHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "MeiliHttpError";
  }
}

/** Where the bundled server records its URL, key and pid (see scripts/lib/meili-process.ts). */
export function bundledMeiliFile(dataDir = getEnv().dataDir) {
  return path.join(dataDir, "meili.json");
}

/**
 * Read on every search (getMeili): parsed again only when the file changes
 * (a restarted server writes a new one), a stat instead of a read and parse.
 */
const bundledConfigs = new Map<string, { stamp: string; config: MeiliConfig }>();

export function readBundledMeili(dataDir = getEnv().dataDir): MeiliConfig | undefined {
  const file = bundledMeiliFile(dataDir);
  try {
    const stat = fs.statSync(file, { bigint: true });
    const stamp = `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
    const cached = bundledConfigs.get(file);
    if (cached?.stamp === stamp) return { ...cached.config };
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as MeiliConfig;
    bundledConfigs.set(file, { stamp, config });
    return { ...config };
  } catch {
    bundledConfigs.delete(file);
    return undefined;
  }
}

/** MEILI_URL wins; otherwise the bundled server that `npm start` (or a command) runs. */
export function resolveMeiliConfig(): MeiliConfig | undefined {
  const env = getEnv();
  if (env.MEILI_URL) return { url: env.MEILI_URL, key: env.MEILI_MASTER_KEY ?? "" };
  return readBundledMeili();
}

/**
 * The client's default fetch stalls ~45 ms per request on loopback (Nagle x
 * delayed ACK); undici.request over a keep-alive agent does not (ADR 003).
 */
function createHttpClient(timeoutMs: number) {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 16, pipelining: 1 });
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<unknown> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    const res = await request(String(input), {
      method: (init?.method ?? "GET") as "GET",
      headers,
      body: (init?.body as string | undefined) ?? undefined,
      dispatcher: agent,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    const body =
      text === "" ? undefined : (JSON.parse(text) as { message?: string; code?: string });
    if (res.statusCode >= 400) {
      throw new MeiliHttpError(
        res.statusCode,
        body?.code,
        body?.message ?? `Meilisearch answered ${res.statusCode}`,
      );
    }
    return body;
  };
}

/** Whether the configured Meilisearch answers its health check within `timeoutMs`. */
export async function pingMeili(timeoutMs = 1_000): Promise<boolean> {
  const config = resolveMeiliConfig();
  if (!config) return false;
  try {
    const res = await request(`${config.url}/health`, {
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.dump();
    return res.statusCode === 200;
  } catch {
    return false;
  }
}

export function createMeiliClient(config: MeiliConfig, timeoutMs = 5_000) {
  return new Meilisearch({
    host: config.url,
    apiKey: config.key || undefined,
    httpClient: createHttpClient(timeoutMs),
    defaultWaitOptions: { timeout: 30_000, interval: 10 },
  });
}

/**
 * How long an upload of a whole batch of documents may take to be accepted.
 * Meilisearch reads a request while it indexes the batches queued before it;
 * at a million activities on two busy cores one upload took over a minute,
 * far past the 5 s a search waits (docs/scaling.md, issue #15).
 */
export const BULK_TIMEOUT_MS = 10 * 60_000;

const bulkClients = new WeakMap<Meilisearch, Meilisearch>();

/** The same server as `client`, for bulk uploads (index rebuilds): waits BULK_TIMEOUT_MS. */
export function bulkClientFor(client: Meilisearch): Meilisearch {
  let bulk = bulkClients.get(client);
  if (!bulk) {
    const { host, apiKey } = client.config;
    bulk = createMeiliClient({ url: host, key: apiKey ?? "" }, BULK_TIMEOUT_MS);
    bulkClients.set(client, bulk);
  }
  return bulk;
}

type ClientHolder = { client: Meilisearch; url: string; key: string } | undefined;

/** One client per process; re-created when the bundled server's URL or key changes. */
export function getMeili(): Meilisearch | undefined {
  const holder = singleton("meili", () => ({ current: undefined as ClientHolder }));
  const config = resolveMeiliConfig();
  if (!config) return undefined;
  if (!holder.current || holder.current.url !== config.url || holder.current.key !== config.key) {
    holder.current = { client: createMeiliClient(config), url: config.url, key: config.key };
  }
  return holder.current.client;
}

export function requireMeili(): Meilisearch {
  const client = getMeili();
  if (!client) throw new MeiliUnavailableError("Meilisearch is not configured or not running");
  return client;
}

export class MeiliUnavailableError extends Error {
  override name = "MeiliUnavailableError";
}

export function indexUid(base: "activities" | "pilots" | string) {
  return `${getEnv().MEILI_INDEX_PREFIX}${base}`;
}

/**
 * Known by name as well as by class: `npm start` serving from its primary
 * process loads this module twice (its own copy and the one bundled in the
 * server build) and both share the one client (singleton), so an error may
 * come from the other copy's class.
 */
function isMeiliHttpError(error: unknown): error is MeiliHttpError {
  return (
    error instanceof MeiliHttpError ||
    (error instanceof Error &&
      error.name === "MeiliHttpError" &&
      typeof (error as { status?: unknown }).status === "number")
  );
}

/** The API error behind the client's wrapper, if the server answered at all. */
export function meiliApiError(error: unknown): MeiliHttpError | undefined {
  if (isMeiliHttpError(error)) return error;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return isMeiliHttpError(cause) ? cause : undefined;
}

export function meiliErrorCode(error: unknown): string | undefined {
  return meiliApiError(error)?.code;
}

/** Network-level failures (server down, refused, timed out) as opposed to API errors. */
export function isMeiliUnreachable(error: unknown): boolean {
  if (error instanceof MeiliUnavailableError) return true;
  const api = meiliApiError(error);
  if (api) return api.status >= 500;
  const e = error as { code?: string; name?: string; cause?: { code?: string } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return (
    code === "ECONNREFUSED" ||
    code === "ECONNRESET" ||
    code === "UND_ERR_SOCKET" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "EPIPE" ||
    // The client's own wrappers (named MeiliSearch… before version 0.4x, Meilisearch… since).
    e?.name === "MeiliSearchRequestError" ||
    e?.name === "MeiliSearchTimeOutError" ||
    e?.name === "MeiliSearchRequestTimeOutError" ||
    e?.name === "MeilisearchRequestTimeOutError" ||
    e?.name === "MeilisearchTaskTimeOutError"
  );
}

/**
 * Index markers. Meilisearch keeps no metadata of ours on an index, so a
 * small index `<prefix>index_state` holds one document per index that Luotsi
 * filled completely: the fingerprint of the settings and document format it
 * was built with, and the live index's `createdAt`. An index swap carries
 * `createdAt` with the content, so the marker names one index instance: an
 * index recreated empty (a lost data folder, a drain into a missing index,
 * another MEILI_INDEX_PREFIX) has another `createdAt` or no marker at all,
 * and is rebuilt from SQLite (app/modules/search) while the catalog answers
 * from SQLite.
 */
const INDEX_STATE = "index_state";

export type IndexMarker = {
  id: string;
  fingerprint: string;
  indexCreatedAt: string;
  builtAt: string;
};

export type IndexState =
  | { state: "ready"; numberOfDocuments?: number }
  | { state: "missing" | "unmarked" | "outdated" };

/** A short hash of what decides an index's content: its settings (without synonyms) and the document format's version. */
export function indexFingerprint(documentVersion: number, settings: unknown) {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify({ documentVersion, settings }))
    .digest("hex")
    .slice(0, 16);
}

async function liveCreatedAt(client: Meilisearch, uid: string): Promise<string | undefined> {
  try {
    return String((await client.getRawIndex(uid)).createdAt);
  } catch (e) {
    if (meiliErrorCode(e) === "index_not_found") return undefined;
    throw e;
  }
}

async function readMarker(client: Meilisearch, base: string): Promise<IndexMarker | undefined> {
  try {
    return (await client.index(indexUid(INDEX_STATE)).getDocument(base)) as IndexMarker;
  } catch (e) {
    const code = meiliErrorCode(e);
    if (code === "document_not_found" || code === "index_not_found") return undefined;
    throw e;
  }
}

/** Whether the live index `base` is one Luotsi built completely with the settings that `fingerprint` stands for. */
export async function readIndexState(
  client: Meilisearch,
  base: string,
  fingerprint: string,
): Promise<IndexState> {
  const [createdAt, marker] = await Promise.all([
    liveCreatedAt(client, indexUid(base)),
    readMarker(client, base),
  ]);
  if (createdAt === undefined) return { state: "missing" };
  if (!marker || marker.indexCreatedAt !== createdAt) return { state: "unmarked" };
  if (marker.fingerprint !== fingerprint) return { state: "outdated" };
  return { state: "ready" };
}

/** Records that the live index `base`, as it is now, was filled completely with `fingerprint`'s settings. */
export async function markIndexBuilt(client: Meilisearch, base: string, fingerprint: string) {
  const createdAt = await liveCreatedAt(client, indexUid(base));
  if (createdAt === undefined) throw new Error(`index ${indexUid(base)} does not exist`);
  const marker: IndexMarker = {
    id: base,
    fingerprint,
    indexCreatedAt: createdAt,
    builtAt: new Date().toISOString(),
  };
  const task = await client
    .index(indexUid(INDEX_STATE))
    .addDocuments([marker], { primaryKey: "id" })
    .waitTask();
  if (task.status !== "succeeded")
    throw new Error(task.error?.message ?? "marking the index failed");
  forgetIndexReadiness();
}

const readiness = () =>
  singleton("meili-index-readiness", () => new Map<string, { ready: boolean; at: number }>());

/**
 * Whether searches may use the index, asked of Meilisearch at most every
 * few seconds per process (sooner while it is not ready, so the catalog
 * moves back to the index soon after a rebuild). Throws when Meilisearch
 * cannot be reached, like a search would.
 */
export async function isIndexReady(client: Meilisearch, base: string, fingerprint: string) {
  const key = `${indexUid(base)} ${fingerprint}`;
  const cached = readiness().get(key);
  const now = Date.now();
  if (cached && now - cached.at < (cached.ready ? 5_000 : 1_000)) return cached.ready;
  const ready = (await readIndexState(client, base, fingerprint)).state === "ready";
  readiness().set(key, { ready, at: now });
  return ready;
}

/** After a failed search or a rebuild: ask Meilisearch again next time. */
export function forgetIndexReadiness() {
  readiness().clear();
}
