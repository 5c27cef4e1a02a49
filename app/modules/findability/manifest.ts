import { translator, type Lang } from "#app/infra/i18n/i18n.ts";

/** The brand colour of public/favicon.svg, for the phone's title bar and splash screen. */
export const THEME_COLOR = "#0b5c5a";

/** The icons scripts/generate-icons.ts renders from public/favicon.svg. */
export const MANIFEST_ICONS = [
  { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
  { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
  { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
] as const;

/**
 * The web app manifest, so that a participant can put Luotsi on a phone's
 * home screen. It opens the catalog in the language it was added in.
 */
export function webAppManifest(lang: Lang) {
  const t = translator(lang);
  return {
    id: "/",
    name: "Luotsi",
    short_name: "Luotsi",
    description: t("app.tagline"),
    lang,
    dir: "ltr",
    start_url: `/?lang=${lang}`,
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: THEME_COLOR,
    icons: MANIFEST_ICONS,
  };
}
