import type { MetaDescriptor } from "@remix-run/node";
import type { PageAddresses } from "#app/infra/i18n/addresses.ts";
import { languageOf, type Locale, type ParticipantLang } from "#app/infra/i18n/i18n.ts";

const OG_LOCALES: Record<ParticipantLang, string> = {
  fi: "fi_FI",
  sv: "sv_FI",
  en: "en_GB",
  uk: "uk_UA",
  ru: "ru_RU",
  ar: "ar_AR",
  so: "so_SO",
  et: "et_EE",
};

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
  lang: Locale;
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
    { property: "og:locale", content: OG_LOCALES[languageOf(page.lang)] },
    // The page's other languages, as its hreflang alternates name them.
    ...page.addresses.alternates
      .map((a) => a.hreflang as ParticipantLang)
      .filter((l) => l !== languageOf(page.lang) && l in OG_LOCALES)
      .map((l) => ({ property: "og:locale:alternate", content: OG_LOCALES[l] })),
    { name: "twitter:card", content: "summary" },
  ];
}
