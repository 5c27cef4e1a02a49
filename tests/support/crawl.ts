import { XMLParser } from "fast-xml-parser";

/**
 * What search engines read from our pages and sitemaps, parsed with parsers
 * that are not the ones that wrote them (fast-xml-parser for XML, regular
 * expressions over the served HTML head).
 */
export type Alternate = { hreflang: string; href: string };

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  isArray: (name) => ["url", "sitemap", "xhtml:link"].includes(name),
});

export function parseSitemapIndex(text: string): { loc: string; lastmod?: string }[] {
  const doc = xml.parse(text, true);
  return doc.sitemapindex.sitemap;
}

export function parseUrlSet(text: string) {
  const doc = xml.parse(text, true);
  if (doc.urlset.xmlns !== "http://www.sitemaps.org/schemas/sitemap/0.9")
    throw new Error("namespace");
  return (doc.urlset.url ?? []) as {
    loc: string;
    lastmod?: string;
    "xhtml:link": { rel: string; hreflang: string; href: string }[];
  }[];
}

const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1]?.replace(/&amp;/g, "&");

/** The link and meta tags of a served HTML document's head. */
export function parseHead(html: string) {
  const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? "";
  const links = [...head.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]);
  const metas = [...head.matchAll(/<meta\b[^>]*>/g)].map((m) => m[0]);
  const alternates: Alternate[] = links
    .filter((l) => attr(l, "rel") === "alternate" && attr(l, "hreflang"))
    .map((l) => ({ hreflang: attr(l, "hreflang")!, href: attr(l, "href")! }));
  const canonical = links.find((l) => attr(l, "rel") === "canonical");
  const meta = (key: string) =>
    metas
      .filter((m) => attr(m, "property") === key || attr(m, "name") === key)
      .map((m) => attr(m, "content")!);
  const jsonLd = [
    ...html.matchAll(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g),
  ].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
  return {
    lang: /<html lang="([^"]+)"/.exec(html)?.[1],
    title: /<title>([^<]*)<\/title>/.exec(head)?.[1],
    canonical: canonical ? attr(canonical, "href") : undefined,
    alternates,
    meta,
    manifest: links
      .map((l) => (attr(l, "rel") === "manifest" ? attr(l, "href") : undefined))
      .find(Boolean),
    jsonLd,
  };
}

export const sortAlternates = (list: Alternate[]) =>
  [...list].sort((a, b) => a.hreflang.localeCompare(b.hreflang));

/** The size a PNG says it is (IHDR), so the manifest's `sizes` can be checked. */
export function pngSize(bytes: Uint8Array) {
  const b = Buffer.from(bytes);
  if (b.subarray(1, 4).toString("latin1") !== "PNG") throw new Error("not a PNG");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
