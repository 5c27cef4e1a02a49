import type { Lang } from "#app/infra/i18n/i18n.ts";
import { scheduleRowsOf } from "#app/infra/schedule-rows.ts";
import { listMunicipalities } from "../places/municipalities.server.ts";
import type { formToParticipantInput } from "./participant-schema.ts";
import type { ParticipantRow } from "./participants.server.ts";

/** Municipality choices for the participant form, in the reader's language; the value is the Finnish name. */
export function listMunicipalityOptions(lang: Lang) {
  return listMunicipalities().map((m) => ({ value: m.fi, label: lang === "sv" ? m.sv : m.fi }));
}

/** A stored participant as the form's values. */
export function toFormValues(row: ParticipantRow) {
  return {
    municipality: row.municipality,
    gender: row.gender,
    birthYear: row.birthYear,
    languages: row.languages,
    interests: row.interests,
    interestText: row.interestText,
    wantsPilot: row.wantsPilot,
    needs: row.needs as Record<string, boolean | undefined>,
    schedule: scheduleRowsOf(row.schedule),
    maxDistanceKm: row.maxDistanceKm,
    nickname: row.nickname,
    notes: row.notes,
  };
}

/** What the user typed, back into the form after a 400, so nothing they wrote is lost. */
export function echoFormValues(input: ReturnType<typeof formToParticipantInput>) {
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  return {
    municipality: input.municipality,
    postalCode: input.postalCode,
    gender: input.gender ?? "unknown",
    birthYear: num(input.birthYear),
    languages: input.languages,
    interests: input.interests,
    interestText: input.interestText || null,
    wantsPilot: input.wantsPilot,
    needs: input.needs,
    schedule: input.scheduleRows,
    maxDistanceKm: num(input.maxDistanceKm),
    nickname: input.nickname || null,
    notes: input.notes || null,
  };
}
