import { isFull, placesLeft } from "../catalog/activity-rules.ts";
import type { ActivityStatus } from "../catalog/activity-schema.ts";
import type { Threshold, ThresholdFlag, WeeklyWindow } from "../common/common-schema.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { interestFit, type InterestFit } from "./interest-fit.ts";
import type { StoredVerdict } from "./matching-schema.ts";
import { distanceKm, type Point } from "../places/geo.ts";
import { menteePlacesLeft } from "../pilots/pilot-rules.ts";
import type { PilotTrainingStatus } from "../pilots/pilot-schema.ts";

/**
 * The rulebook: what fits a participant, in one pure place (no I/O).
 * Suggestions, the shortlist, sending and accepting referrals, the match
 * command and the suggestions API all judge with these functions, so that a
 * suggestion, its shortlist entry and its referral never disagree
 * (tests/integration/rulebook.test.ts proves it on random data).
 *
 * The facts come from match-facts.server.ts, which derives them once from
 * SQLite's rows (age from Finland's calendar year, points from the
 * municipality table). Words for people are built elsewhere from the checks:
 * fit-notes.ts (shortlist, cards) and reasons.ts (suggestion reasons).
 */

/** docs/interfaces.md: without maxDistanceKm, the same municipality or within 30 km. */
export const DEFAULT_MAX_DISTANCE_KM = 30;

/** The participant as the rules see them. Lives only in this process: never in the index, logs or URLs. */
export type Seeker = {
  municipality: string;
  centre: Point | undefined;
  age: number | undefined;
  languages: string[];
  needs: ThresholdFlag[];
  schedule: WeeklyWindow[];
  maxDistanceKm: number;
  /** Vocabulary concepts of the interests and the free text, in the order found. */
  interestKeys: string[];
  /** Typed words the vocabulary does not know, matched as text. */
  unknownWords: string[];
  /** The interest words as typed, also matched as text (the vocabulary can be wrong or missing a word). */
  typedWords: string[];
};

export type ActivityFacts = {
  status: ActivityStatus;
  capacity: number | null;
  enrolled: number;
  minAge: number | null;
  maxAge: number | null;
  languages: string[];
  municipality: string;
  /** Its own coordinates, or its municipality's centre (the same point its search document has). */
  point: Point | undefined;
  threshold: Threshold;
  schedule: WeeklyWindow[];
  interestKeys: string[];
  /** Lower-cased words of the activity (title, description, interests, concept forms). */
  searchText: string;
};

export type PilotFacts = {
  organizationId: number;
  trainingStatus: PilotTrainingStatus;
  /** The coordinator's switch "only trained pilots are suggested" (on unless turned off). */
  onlyTrained: boolean;
  acceptingMentees: boolean;
  activeMentees: number;
  capacity: number;
  languages: string[];
  municipality: string;
  /** The pilot's municipality centre: a pilot meets the participant in person. */
  point: Point | undefined;
  schedule: WeeklyWindow[];
  interestKeys: string[];
  /** Lower-cased interest words as typed. */
  interestText: string;
};

// ---------------------------------------------------------------- small pure helpers

/** docs/interfaces.md: age is the current year (in Finland) minus the birth year. */
export function ageIn(birthYear: number | null | undefined, todayInFinland: string) {
  return birthYear == null ? undefined : Number(todayInFinland.slice(0, 4)) - birthYear;
}

/** "HH:MM" as minutes after midnight: times are compared as numbers, never as strings. */
export function toMinutes(t: string) {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

/** docs/interfaces.md: a session fits when it lies inside one of the participant's windows on the same weekday. */
export function fittingSessions(windows: WeeklyWindow[], sessions: WeeklyWindow[]) {
  return sessions.filter((s) =>
    windows.some(
      (w) =>
        w.weekday === s.weekday &&
        toMinutes(w.start) <= toMinutes(s.start) &&
        toMinutes(s.end) <= toMinutes(w.end),
    ),
  );
}

/** Weekly times that overlap one of the other side's on the same weekday. */
export function overlappingTimes(mine: WeeklyWindow[], theirs: WeeklyWindow[]) {
  return theirs.filter((y) =>
    mine.some(
      (x) =>
        x.weekday === y.weekday &&
        toMinutes(x.start) < toMinutes(y.end) &&
        toMinutes(y.start) < toMinutes(x.end),
    ),
  );
}

const weekdaysOf = (times: WeeklyWindow[]) =>
  [...new Set(times.map((t) => t.weekday))].sort((a, b) => a - b);

export const commonLanguages = (seeker: Pick<Seeker, "languages">, languages: string[]) =>
  seeker.languages.filter((l) => languages.includes(l));

// ---------------------------------------------------------------- reach

/**
 * Where a participant can go, as data: the same municipality always,
 * otherwise within `radiusKm` of their municipality's centre. The search
 * filter (matching-retrieval.server.ts, `reachFilter`) is built from this
 * same area, so a test can hold the two against each other.
 */
export type ReachArea = { municipality: string; centre: Point | undefined; radiusKm: number };

export function reachAreaOf(seeker: Seeker): ReachArea {
  return {
    municipality: seeker.municipality,
    centre: seeker.centre,
    radiusKm: seeker.maxDistanceKm,
  };
}

export type Reach = {
  ok: boolean;
  km: number | undefined;
  sameMunicipality: boolean;
  online: boolean;
};

/** Online activities are within reach everywhere; pilots never are online. */
export function reachOf(
  area: ReachArea,
  target: { municipality: string; point: Point | undefined; online?: boolean },
): Reach {
  const km = area.centre && target.point ? distanceKm(area.centre, target.point) : undefined;
  const sameMunicipality = target.municipality === area.municipality;
  const online = target.online === true;
  return {
    ok: online || sameMunicipality || (km != null && km <= area.radiusKm),
    km,
    sameMunicipality,
    online,
  };
}

// ---------------------------------------------------------------- the hard rules

/** One hard rule (docs/interfaces.md), passed or failed, with what a person needs to read about it. */
export type Check =
  | { rule: "open"; ok: boolean; status: ActivityStatus }
  | { rule: "places"; ok: boolean; free: number | null }
  | { rule: "age"; ok: boolean; minAge: number | null; maxAge: number | null }
  | { rule: "language"; ok: boolean; common: string[]; offered: string[] }
  | ({ rule: "reach"; municipality: string } & Reach)
  | { rule: "accepting"; ok: boolean }
  | { rule: "trained"; ok: boolean; status: PilotTrainingStatus }
  | { rule: "mentees"; ok: boolean; free: number; capacity: number };

export type HardRule = Check["rule"];

/** The target's side alone (status and places): what sending and accepting a referral check. */
export function activityAvailability(a: ActivityFacts): Check[] {
  return [
    { rule: "open", ok: a.status === "open", status: a.status },
    { rule: "places", ok: !isFull(a), free: placesLeft(a) },
  ];
}

/** The pilot's side alone: accepting, a free place and, while the coordinator's switch is on, trained. */
export function pilotAvailability(p: PilotFacts): Check[] {
  return [
    ...(p.onlyTrained
      ? [{ rule: "trained" as const, ok: p.trainingStatus === "trained", status: p.trainingStatus }]
      : []),
    { rule: "accepting", ok: p.acceptingMentees },
    {
      rule: "mentees",
      ok: menteePlacesLeft(p) > 0,
      free: menteePlacesLeft(p),
      capacity: p.capacity,
    },
  ];
}

function languageCheck(seeker: Seeker, offered: string[]): Check {
  const common = commonLanguages(seeker, offered);
  return { rule: "language", ok: common.length > 0, common, offered };
}

export function activityChecks(seeker: Seeker, a: ActivityFacts): Check[] {
  const age = seeker.age;
  return [
    ...activityAvailability(a),
    {
      rule: "age",
      // No birth year: age limits do not exclude.
      ok:
        age == null ||
        ((a.minAge == null || age >= a.minAge) && (a.maxAge == null || age <= a.maxAge)),
      minAge: a.minAge,
      maxAge: a.maxAge,
    },
    languageCheck(seeker, a.languages),
    {
      rule: "reach",
      municipality: a.municipality,
      ...reachOf(reachAreaOf(seeker), {
        municipality: a.municipality,
        point: a.point,
        online: a.threshold.online === true,
      }),
    },
  ];
}

export function pilotChecks(seeker: Seeker, p: PilotFacts): Check[] {
  return [
    ...pilotAvailability(p),
    languageCheck(seeker, p.languages),
    {
      rule: "reach",
      municipality: p.municipality,
      ...reachOf(reachAreaOf(seeker), { municipality: p.municipality, point: p.point }),
    },
  ];
}

export const passes = (checks: Check[]) => checks.every((c) => c.ok);

export function checkOf<R extends HardRule>(checks: Check[], rule: R) {
  return checks.find((c): c is Extract<Check, { rule: R }> => c.rule === rule);
}

// ---------------------------------------------------------------- what fits beyond the rules

/**
 * Times: for an activity, its sessions inside the participant's windows
 * (the schedule fit of docs/interfaces.md); for a pilot, their free times that overlap
 * the participant's. `known` is false when either side gave no times.
 */
export type ScheduleFit = {
  known: boolean;
  fitting: WeeklyWindow[];
  /** Weekdays on which the two sides' times overlap at all. */
  sharedDays: number[];
  /** The activity's sessions or the pilot's times, for words about what does not fit. */
  times: WeeklyWindow[];
};

function scheduleFit(
  seeker: Seeker,
  times: WeeklyWindow[],
  kind: "sessions" | "times",
): ScheduleFit {
  const known = seeker.schedule.length > 0 && times.length > 0;
  const overlapping = overlappingTimes(seeker.schedule, times);
  return {
    known,
    fitting: known
      ? kind === "sessions"
        ? fittingSessions(seeker.schedule, times)
        : overlapping
      : [],
    sharedDays: weekdaysOf(overlapping),
    times,
  };
}

// ---------------------------------------------------------------- verdicts and scores

export type Verdict = {
  /** Every hard rule passed: the only question that decides whether something may be suggested. */
  fits: boolean;
  checks: Check[];
  schedule: ScheduleFit;
  /** The participant's stated needs the activity meets, and those it does not state (activities). */
  needs: { met: ThresholdFlag[]; missing: ThresholdFlag[] };
};

/** How much each part weighs: the one place to tune the ranking (referrals store the parts too). */
export const ACTIVITY_WEIGHTS = { interest: 0.5, schedule: 0.2, needs: 0.15, distance: 0.15 };
export const PILOT_WEIGHTS = { interest: 0.45, association: 0.2, schedule: 0.15, distance: 0.2 };

export type ActivityParts = Record<keyof typeof ACTIVITY_WEIGHTS, number>;
export type PilotParts = Record<keyof typeof PILOT_WEIGHTS, number>;

export type Judgement<Parts> = {
  verdict: Verdict;
  interest: InterestFit;
  /** At least one interest (recorded words or free text) fits: a suggestion, not an "other activity nearby". */
  fitsInterests: boolean;
  parts: Parts;
  /** In [0, 1], two decimals. */
  score: number;
};

const round2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

function weigh<K extends string>(parts: Record<K, number>, weights: Record<K, number>) {
  return round2((Object.keys(weights) as K[]).reduce((sum, k) => sum + weights[k] * parts[k], 0));
}

function distanceScore(km: number | undefined, seeker: Seeker) {
  if (km == null) return 0.6;
  return 1 - 0.8 * Math.min(1, km / Math.max(seeker.maxDistanceKm, 10));
}

function scheduleScore(s: ScheduleFit, kind: "sessions" | "times") {
  if (!s.known) return 0.5;
  if (s.fitting.length > 0) return 1;
  // Sessions on a shared day that do not sit inside a window still count a little.
  return kind === "sessions" && s.sharedDays.length > 0 ? 0.25 : 0;
}

const THRESHOLD_BASICS = ["free", "dropIn", "noRegistration"] as const;

export function judgeActivity(
  seeker: Seeker,
  a: ActivityFacts,
  matcher: InterestMatcher,
): Judgement<ActivityParts> {
  const checks = activityChecks(seeker, a);
  const schedule = scheduleFit(seeker, a.schedule, "sessions");
  const met = seeker.needs.filter((f) => a.threshold[f] === true);
  const missing = seeker.needs.filter((f) => a.threshold[f] !== true);
  const interest = interestFit(seeker, a.interestKeys, a.searchText, matcher);
  const basics = THRESHOLD_BASICS.filter((f) => a.threshold[f] === true).length;
  const reach = checkOf(checks, "reach")!;
  const parts: ActivityParts = {
    interest: interest.score,
    schedule: scheduleScore(schedule, "sessions"),
    needs:
      seeker.needs.length === 0
        ? 0.7 + 0.1 * basics
        : 0.8 * (met.length / seeker.needs.length) + 0.2 * (basics / 3),
    distance: reach.online ? 0.7 : distanceScore(reach.km, seeker),
  };
  return {
    verdict: { fits: passes(checks), checks, schedule, needs: { met, missing } },
    interest,
    fitsInterests: interest.score > 0,
    parts,
    score: weigh(parts, ACTIVITY_WEIGHTS),
  };
}

/**
 * `association`: 1 when the pilot's association runs one of the activities
 * suggested first (the pilot can walk the person into that group), 0.5 when
 * it runs another suggested one, 0 otherwise.
 */
export function judgePilot(
  seeker: Seeker,
  p: PilotFacts,
  matcher: InterestMatcher,
  association = 0,
): Judgement<PilotParts> {
  const checks = pilotChecks(seeker, p);
  const schedule = scheduleFit(seeker, p.schedule, "times");
  const interest = interestFit(seeker, p.interestKeys, p.interestText, matcher);
  const reach = checkOf(checks, "reach")!;
  const parts: PilotParts = {
    interest: interest.score,
    association,
    schedule: scheduleScore(schedule, "times"),
    distance: distanceScore(reach.km, seeker),
  };
  return {
    verdict: { fits: passes(checks), checks, schedule, needs: { met: [], missing: [] } },
    interest,
    fitsInterests: interest.score > 0,
    parts,
    score: weigh(parts, PILOT_WEIGHTS),
  };
}

/**
 * What a referral keeps of the judgement it was sent with (matching-schema.ts,
 * StoredVerdict): which rules passed, whether the times fit, the score's
 * parts. No age, distance or other fact about the person.
 */
export function toStoredVerdict(j: Judgement<ActivityParts | PilotParts>): StoredVerdict {
  return {
    fits: j.verdict.fits,
    failed: j.verdict.checks.filter((c) => !c.ok).map((c) => c.rule),
    scheduleFits: j.verdict.schedule.known ? j.verdict.schedule.fitting.length > 0 : null,
    needsMissing: j.verdict.needs.missing,
    fitsInterests: j.fitsInterests,
    parts: Object.fromEntries(
      Object.entries(j.parts).map(([k, v]) => [k, Math.round(v * 1000) / 1000]),
    ),
  };
}
