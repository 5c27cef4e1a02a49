import { common } from "./messages/common.ts";
import { catalogMessages } from "./messages/catalog.ts";
import { authMessages } from "./messages/auth.ts";
import { privacyMessages } from "./messages/privacy.ts";
import { matchingMessages } from "./messages/matching.ts";
import { adminMessages } from "./messages/admin.ts";
import { staffMessages } from "./messages/staff.ts";
import { pilotMessages } from "./messages/pilot.ts";
import { referralMessages } from "./messages/referrals.ts";
import { participantMessages } from "./messages/participants.ts";
import { vocabularyMessages } from "./messages/vocabulary.ts";
import { pathMessages } from "./messages/paths.ts";
import { reportMessages } from "./messages/reports.ts";
import { titleMessages } from "./messages/titles.ts";
import { mapMessages } from "./messages/map.ts";
import { reachMessages } from "./messages/reach.ts";
import { languageMessages } from "./messages/languages.ts";
import { needsMessages } from "./messages/needs.ts";
import { recruitmentMessages } from "./messages/recruitment.ts";

export type Message = { fi: string; sv: string; en: string };

/**
 * The one message catalog. Sections live in messages/ by capability so that
 * parallel work does not collide; keys are unique across sections (a test checks).
 */
export const catalog = {
  ...common,
  ...catalogMessages,
  ...authMessages,
  ...privacyMessages,
  ...matchingMessages,
  ...adminMessages,
  ...staffMessages,
  ...pilotMessages,
  ...referralMessages,
  ...participantMessages,
  ...vocabularyMessages,
  ...pathMessages,
  ...reportMessages,
  ...titleMessages,
  ...mapMessages,
  ...reachMessages,
  ...languageMessages,
  ...needsMessages,
  ...recruitmentMessages,
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof catalog;

export const catalogSections = {
  common,
  catalogMessages,
  authMessages,
  privacyMessages,
  matchingMessages,
  adminMessages,
  staffMessages,
  pilotMessages,
  referralMessages,
  participantMessages,
  vocabularyMessages,
  pathMessages,
  reportMessages,
  titleMessages,
  mapMessages,
  reachMessages,
  languageMessages,
  needsMessages,
  recruitmentMessages,
};
