import { asc, eq, sql } from "drizzle-orm";
import { create } from "xmlbuilder2";
import { activities } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import { ADDRESS_LANGS, PARTICIPANT_ADDRESS_LANGS, pathInLang } from "#app/infra/i18n/addresses.ts";
import type { Locale } from "#app/infra/i18n/i18n.ts";
import { languageAlternates } from "#app/infra/i18n/addresses.server.ts";

/**
 * The sitemap (sitemaps.org 0.9 with hreflang alternates): an index at
 * /sitemap.xml naming one file of general pages and as many files of
 * activities as needed. 5,000 activities in three languages make 15,000
 * addresses a file, well under the format's 50,000 and 50 MB.
 */
export const ACTIVITIES_PER_SITEMAP = 5000;

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS = "http://www.w3.org/1999/xhtml";

const day = (d: Date | number | null | undefined) =>
  d == null ? undefined : new Date(d).toISOString().slice(0, 10);

/** Open activities in id order, chunked: how many files and each one's newest change. */
function activityChunks(db: Db, perFile: number) {
  return db.all<{ part: number; lastmod: number }>(sql`
    select part, max(updated_at) as lastmod from (
      select cast((row_number() over (order by id) - 1) / ${perFile} as integer) as part, updated_at
      from activities where status = 'open'
    ) group by part order by part`);
}

function organizationsWithOpenActivities(db: Db) {
  // IN, not a correlated EXISTS (see hsds.server.ts on SQLite 3.53 and OFFSET).
  return db.all<{ ref: string; lastmod: number }>(sql`
    select o.ref as ref, max(a.updated_at) as lastmod
    from organizations o join activities a on a.organization_id = o.id and a.status = 'open'
    group by o.id order by o.id`);
}

export function sitemapIndexXml(db: Db = getDb(), perFile = ACTIVITIES_PER_SITEMAP): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(SITEMAP_NS, "sitemapindex");
  const chunks = activityChunks(db, perFile);
  const newest = Math.max(0, ...chunks.map((c) => c.lastmod));
  const pages = root.ele("sitemap");
  pages.ele("loc").txt(absoluteUrl("/sitemap/pages"));
  if (newest) pages.ele("lastmod").txt(day(newest)!);
  for (const chunk of chunks) {
    const entry = root.ele("sitemap");
    entry.ele("loc").txt(absoluteUrl(`/sitemap/activities-${chunk.part + 1}`));
    entry.ele("lastmod").txt(day(chunk.lastmod)!);
  }
  return root.end({ prettyPrint: true });
}

type UrlSet = ReturnType<typeof urlSet>;

function urlSet() {
  return create({ version: "1.0", encoding: "UTF-8" })
    .ele(SITEMAP_NS, "urlset")
    .att("http://www.w3.org/2000/xmlns/", "xmlns:xhtml", XHTML_NS);
}

/**
 * One page in every language: an entry per language, each listing all
 * alternates. The catalog and activity pages come in every participant
 * language (ADR 017), organization pages in fi/sv/en.
 */
function addPage(
  set: UrlSet,
  path: string,
  lastmod?: string,
  locales: readonly Locale[] = ADDRESS_LANGS,
) {
  const alternates = languageAlternates(path, locales);
  for (const lang of locales) {
    const url = set.ele("url");
    url.ele("loc").txt(absoluteUrl(pathInLang(path, lang)));
    if (lastmod) url.ele("lastmod").txt(lastmod);
    for (const a of alternates) {
      url.ele(XHTML_NS, "xhtml:link").att({ rel: "alternate", hreflang: a.hreflang, href: a.href });
    }
  }
}

/** One file of the sitemap by name ("pages", "activities-N"), or null for a name it has not. */
export function sitemapPartXml(
  name: string,
  db: Db = getDb(),
  perFile = ACTIVITIES_PER_SITEMAP,
): string | null {
  if (name === "pages") {
    const set = urlSet();
    addPage(set, "/", undefined, PARTICIPANT_ADDRESS_LANGS);
    for (const org of organizationsWithOpenActivities(db)) {
      addPage(set, `/organizations/${encodeURIComponent(org.ref)}`, day(org.lastmod));
    }
    return set.end({ prettyPrint: true });
  }
  const match = /^activities-([1-9]\d{0,5})$/.exec(name);
  if (!match) return null;
  const part = Number(match[1]) - 1;
  const rows = db
    .select({ ref: activities.ref, updatedAt: activities.updatedAt })
    .from(activities)
    .where(eq(activities.status, "open"))
    .orderBy(asc(activities.id))
    .limit(perFile)
    .offset(part * perFile)
    .all();
  if (rows.length === 0 && part > 0) return null;
  const set = urlSet();
  for (const a of rows) {
    addPage(
      set,
      `/activities/${encodeURIComponent(a.ref)}`,
      day(a.updatedAt),
      PARTICIPANT_ADDRESS_LANGS,
    );
  }
  return set.end({ prettyPrint: true });
}
