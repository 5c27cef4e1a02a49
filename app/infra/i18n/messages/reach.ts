/** Calendars, open data and what search engines and phones see (issue #16). */
export const reachMessages = {
  "calendar.paused": { fi: "Tauolla", sv: "Paus", en: "Paused" },
  "calendar.online": { fi: "Verkossa", sv: "På nätet", en: "Online" },
  "calendar.organizationName": {
    fi: "{name} – Luotsi",
    sv: "{name} – Luotsi",
    en: "{name} – Luotsi",
  },
  "calendar.organizationDescription": {
    fi: "Matalan kynnyksen toiminnat viikoittain: {name}",
    sv: "Lågtröskelverksamhet varje vecka: {name}",
    en: "Weekly low-threshold activities: {name}",
  },
  "calendar.municipalityName": {
    fi: "Luotsi – {name}",
    sv: "Luotsi – {name}",
    en: "Luotsi – {name}",
  },
  "calendar.municipalityDescription": {
    fi: "Matalan kynnyksen toiminnat viikoittain: {name}",
    sv: "Lågtröskelverksamhet varje vecka: {name}",
    en: "Weekly low-threshold activities in {name}",
  },
  "calendar.noFixedTimes": {
    fi: "Tällä toiminnalla ei ole kiinteitä viikkoaikoja, joten sille ei ole kalenteria. Ajat sovitaan järjestäjän kanssa.",
    sv: "Den här verksamheten har inga fasta tider varje vecka, så det finns ingen kalender för den. Tiderna kommer man överens om med arrangören.",
    en: "This activity has no fixed weekly times, so there is no calendar for it. Times are agreed with the organiser.",
  },
  "calendar.notFound": {
    fi: "Kalenteria ei löytynyt.",
    sv: "Kalendern hittades inte.",
    en: "Calendar not found.",
  },
} as const;
