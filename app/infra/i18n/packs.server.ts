import {
  registerPacks,
  translator,
  type LanguagePack,
  type Locale,
  type PackLocale,
} from "./i18n.ts";
import { ar } from "./languages/ar.ts";
import { et } from "./languages/et.ts";
import { fiPlain } from "./languages/fi-x-selko.ts";
import { ru } from "./languages/ru.ts";
import { so } from "./languages/so.ts";
import { svPlain } from "./languages/sv-x-lattlast.ts";
import { uk } from "./languages/uk.ts";

/** Every pack, for the server (pages, mail) and the tests. */
export const SERVER_PACKS: Record<PackLocale, LanguagePack> = {
  uk,
  ru,
  ar,
  so,
  et,
  "fi-x-selko": fiPlain,
  "sv-x-lattlast": svPlain,
};

registerPacks(SERVER_PACKS);

/** Importing this module registers the packs; calling this makes the dependency explicit. */
export function ensureServerPacks() {
  return SERVER_PACKS;
}

/** A translator for server-made text (mail) that may be in any locale: the packs are loaded. */
export function serverTranslator(locale: Locale) {
  return translator(locale);
}
