import { isLocale, registerPacks, type LanguagePack, type PackLocale } from "../i18n.ts";

/** One chunk per pack: the browser loads only the language the page is in. */
const loaders: Record<PackLocale, () => Promise<LanguagePack>> = {
  uk: () => import("./uk.ts").then((m) => m.uk),
  ru: () => import("./ru.ts").then((m) => m.ru),
  ar: () => import("./ar.ts").then((m) => m.ar),
  so: () => import("./so.ts").then((m) => m.so),
  et: () => import("./et.ts").then((m) => m.et),
  "fi-x-selko": () => import("./fi-x-selko.ts").then((m) => m.fiPlain),
  "sv-x-lattlast": () => import("./sv-x-lattlast.ts").then((m) => m.svPlain),
};

/** Loads and registers the pack of `locale` (nothing for fi, sv and en, which the catalog holds). */
export async function loadPack(locale: string | undefined): Promise<void> {
  if (!isLocale(locale) || !(locale in loaders)) return;
  const pack = await loaders[locale as PackLocale]();
  registerPacks({ [locale]: pack });
}
