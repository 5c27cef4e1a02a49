import {
  dirOf,
  formatTimeRange,
  languageName,
  languageOf,
  translator,
  weekdayName,
  type Locale,
} from "#app/infra/i18n/i18n.ts";
import type { WeeklyWindow } from "../common/common-schema.ts";
import { checkOf, type Check, type Verdict } from "./match-rules.ts";

/**
 * The rulebook's verdict in plain words (fi/sv/en), for the shortlist and the
 * suggestion cards. "no" notes are broken hard rules (the thing does not
 * fit and is never suggested); "mind" notes are what does not fit but does
 * not rule it out (times, needs the activity does not state).
 */
export type FitLevel = "ok" | "mind" | "no";
export type FitNote = { level: FitLevel; text: string };

const note = (ok: boolean, text: string, otherwise: FitLevel = "no"): FitNote => ({
  level: ok ? "ok" : otherwise,
  text,
});

function sessionText(w: WeeklyWindow, lang: Locale) {
  const range = formatTimeRange(w.start, w.end);
  // In Arabic text "17–19" must stay left to right: a left-to-right isolate (LRI…PDI).
  return `${weekdayName(w.weekday, lang)} ${dirOf(lang) === "rtl" ? `\u2066${range}\u2069` : range}`;
}

function languageNote(check: Extract<Check, { rule: "language" }>, lang: Locale): FitNote {
  const t = translator(lang);
  const names = (codes: string[]) => codes.map((l) => languageName(l, lang)).join(", ");
  if (check.ok) return note(true, t("shortlist.fit.language", { languages: names(check.common) }));
  const only = check.offered.length === 1 ? check.offered[0] : undefined;
  if (only === "fi" || only === "sv" || only === "en")
    return note(false, t(`shortlist.fit.only.${only}`));
  return note(false, t("shortlist.fit.onlyLanguage", { languages: names(check.offered) }));
}

function reachNote(check: Extract<Check, { rule: "reach" }>, lang: Locale): FitNote {
  const t = translator(lang);
  const place = check.municipality;
  if (check.online) return note(true, t("shortlist.fit.online"));
  if (check.sameMunicipality) return note(true, t("shortlist.fit.sameMunicipality", { place }));
  const km = check.km == null ? undefined : Math.round(check.km);
  if (check.ok) return note(true, t("shortlist.fit.distance", { place, km: km ?? 0 }));
  return note(
    false,
    km != null
      ? t("shortlist.fit.tooFar", { place, km })
      : t("shortlist.fit.tooFarUnknown", { place }),
  );
}

function needNotes(verdict: Verdict, lang: Locale): FitNote[] {
  const t = translator(lang);
  const label = (flag: string) =>
    t(`threshold.${flag}` as "threshold.free").toLocaleLowerCase(languageOf(lang));
  return [
    ...verdict.needs.met.map((f) => note(true, t("shortlist.fit.needMet", { need: label(f) }))),
    ...verdict.needs.missing.map((f) =>
      note(false, t("shortlist.fit.needMissing", { need: label(f) }), "mind"),
    ),
  ];
}

export function activityFitNotes(verdict: Verdict, lang: Locale): FitNote[] {
  const t = translator(lang);
  const c = verdict.checks;
  const notes: FitNote[] = [];
  const open = checkOf(c, "open")!;
  if (!open.ok)
    notes.push(
      note(false, t(open.status === "paused" ? "shortlist.fit.paused" : "shortlist.fit.closed")),
    );
  const places = checkOf(c, "places")!;
  if (!places.ok) notes.push(note(false, t("shortlist.fit.full")));
  else if (places.free != null)
    notes.push(note(true, t("shortlist.fit.places", { count: places.free })));
  notes.push(languageNote(checkOf(c, "language")!, lang));
  const age = checkOf(c, "age")!;
  if (!age.ok)
    notes.push(
      note(false, t("shortlist.fit.age", { range: `${age.minAge ?? ""}–${age.maxAge ?? ""}` })),
    );
  notes.push(reachNote(checkOf(c, "reach")!, lang));
  const s = verdict.schedule;
  if (s.known) {
    if (s.fitting.length > 0)
      for (const w of s.fitting)
        notes.push(note(true, t("shortlist.fit.timeFits", { time: sessionText(w, lang) })));
    else
      for (const w of s.times)
        notes.push(
          note(false, t("shortlist.fit.timeDoesNotFit", { time: sessionText(w, lang) }), "mind"),
        );
  }
  return [...notes, ...needNotes(verdict, lang)];
}

/** `sharedInterests`: labels of the concepts both sides have, in the reader's language. */
export function pilotFitNotes(
  verdict: Verdict,
  sharedInterests: string[],
  lang: Locale,
): FitNote[] {
  const t = translator(lang);
  const c = verdict.checks;
  const notes: FitNote[] = [];
  const mentees = checkOf(c, "mentees")!;
  if (checkOf(c, "trained")?.ok === false) notes.push(note(false, t("shortlist.fit.notTrained")));
  if (!checkOf(c, "accepting")!.ok) notes.push(note(false, t("shortlist.fit.notAccepting")));
  else if (!mentees.ok) notes.push(note(false, t("shortlist.fit.pilotFull")));
  else
    notes.push(
      note(
        true,
        t("shortlist.fit.pilotPlaces", { free: mentees.free, capacity: mentees.capacity }),
      ),
    );
  notes.push(languageNote(checkOf(c, "language")!, lang));
  notes.push(reachNote(checkOf(c, "reach")!, lang));
  if (sharedInterests.length > 0)
    notes.push(
      note(true, t("shortlist.fit.sharedInterests", { interests: sharedInterests.join(", ") })),
    );
  const s = verdict.schedule;
  if (s.known)
    notes.push(
      s.fitting.length > 0
        ? note(true, t("shortlist.fit.timeFits", { time: sessionText(s.fitting[0]!, lang) }))
        : note(false, t("shortlist.fit.noCommonTime"), "mind"),
    );
  return notes;
}

/**
 * What a suggestion card says before anyone shortlists it: the soft
 * misfits (the times, needs not stated). A suggestion never breaks a hard rule.
 */
export function cautionsOf(notes: FitNote[]): string[] {
  return notes.filter((n) => n.level === "mind").map((n) => n.text);
}
