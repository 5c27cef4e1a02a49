import { getDb, type Db } from "#app/infra/db.server.ts";
import type { Lang } from "#app/infra/i18n/i18n.ts";
import { todayInFinland } from "../common/common-schema.ts";
import { getLastContact } from "../follow-up/last-contact.server.ts";
import { nextContactDue } from "../follow-up/follow-up.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { LADDER, rungOf, type PathStepKind } from "../paths/paths-schema.ts";
import { currentRung, listPathSteps } from "../paths/paths.server.ts";
import { municipalityLabel } from "../places/municipalities.server.ts";
import { listReferralViews } from "../referrals/referral-sending.server.ts";
import { ageGroupOf, type AgeGroup } from "../reports/reports-schema.ts";
import type { ParticipantRow } from "./participants.server.ts";
import { listShortlistKeys } from "./shortlist.server.ts";

export type ParticipantSummary = {
  ageGroup: AgeGroup;
  languages: string[];
  municipality: string;
  /** The participant's own words and what Luotsi understood of them (vocabulary labels). */
  interests: string[];
  interestText: string | null;
  understood: string[];
  referrals: { waiting: string[]; accepted: string[] };
  shortlisted: number;
  /** Where the path stands: its latest step and the ladder's next rung (null when ended or at the top). */
  path: { latest: PathStepKind; date: string; next: PathStepKind | null } | null;
  lastContact: string | null;
  /** The follow-up list's rule: the day by which someone should be in touch again. */
  nextContactBy: string;
  overdue: boolean;
};

/**
 * What a worker needs at a glance when they open a participant: who (age
 * group, never the birth year; languages), where, interests as understood,
 * and what is open. Each fact comes from its own home: last contact from
 * the one definition, the path from its steps, referrals as the referrals
 * tab lists them. The caller has audited the read.
 */
export function summarizeParticipant(
  p: ParticipantRow,
  lang: Lang,
  db: Db = getDb(),
  today = todayInFinland(),
): ParticipantSummary {
  const matcher = getInterestMatcher(db);
  const referrals = listReferralViews(p.id, db);
  const steps = listPathSteps(p.id, db);
  const rung = currentRung(steps);
  const latest = rung
    ? steps.filter((s) => s.step === rung.latest).reduce((a, b) => (a.date >= b.date ? a : b))
    : null;
  const lastContact = getLastContact(p.id, db);
  const nextContactBy = nextContactDue(p, lastContact, db);
  const next = rung && !rung.ended ? (LADDER[rungOf(rung.highest) + 1] ?? null) : null;
  return {
    ageGroup: ageGroupOf(p.birthYear, Number(today.slice(0, 4))),
    languages: p.languages,
    municipality: municipalityLabel(p.municipality, lang),
    interests: p.interests,
    interestText: p.interestText,
    understood: p.interestKeys.map((k) => matcher.label(k, lang)),
    referrals: {
      waiting: referrals.filter((r) => r.status === "sent").map((r) => r.target.name),
      accepted: referrals.filter((r) => r.status === "accepted").map((r) => r.target.name),
    },
    shortlisted: listShortlistKeys(p.id, db).length,
    path: latest
      ? { latest: latest.step, date: latest.date, next: next === "ended" ? null : next }
      : null,
    lastContact,
    nextContactBy,
    overdue: nextContactBy <= today,
  };
}
