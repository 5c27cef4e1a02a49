import type { MetaDescriptor } from "@remix-run/node";
import type { PageAddresses } from "#app/infra/i18n/addresses.ts";
import { ADDRESS_LANGS } from "#app/infra/i18n/addresses.ts";
import type { Lang } from "#app/infra/i18n/i18n.ts";

const OG_LOCALES: Record<Lang, string> = { fi: "fi_FI", sv: "sv_FI", en: "en_GB" };

/** At most `max` characters, cut at a word: for descriptions in link previews. */
export function excerpt(text: string | null | undefined, max = 200) {
  if (!text) return "";
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, "")}…` : text;
}

/**
 * Open Graph tags (what a link preview in a messaging app or social feed
 * shows): title, description, the canonical address, an image and the
 * page's locale with the other languages as alternates.
 */
export function openGraphMeta(page: {
  title: string;
  description: string;
  image: string;
  imageAlt: string;
  lang: Lang;
  addresses: PageAddresses;
}): MetaDescriptor[] {
  return [
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Luotsi" },
    { property: "og:title", content: page.title },
    { property: "og:description", content: page.description },
    { property: "og:url", content: page.addresses.canonical },
    { property: "og:image", content: page.image },
    { property: "og:image:alt", content: page.imageAlt },
    { property: "og:locale", content: OG_LOCALES[page.lang] },
    ...ADDRESS_LANGS.filter((l) => l !== page.lang).map((l) => ({
      property: "og:locale:alternate",
      content: OG_LOCALES[l],
    })),
    { name: "twitter:card", content: "summary" },
  ];
}
