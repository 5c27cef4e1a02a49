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
  "openData.organizationDescription": {
    fi: "{name} ({municipality}) julkaisee matalan kynnyksen toimintaa Luotsissa.",
    sv: "{name} ({municipality}) publicerar lågtröskelverksamhet i Luotsi.",
    en: "{name} ({municipality}) publishes low-threshold activities on Luotsi.",
  },
  "openData.free": { fi: "Maksuton", sv: "Avgiftsfri", en: "Free of charge" },
  "openData.dropIn": {
    fi: "Voit tulla suoraan paikalle ilman ennakkosopimista.",
    sv: "Du kan komma direkt utan att avtala i förväg.",
    en: "You can come along without arranging it in advance.",
  },
  "openData.noRegistration": {
    fi: "Ennakkoilmoittautumista ei tarvita.",
    sv: "Ingen förhandsanmälan behövs.",
    en: "No registration is needed.",
  },
  "openData.askOrganizer": {
    fi: "Ota yhteyttä järjestäjään ennen ensimmäistä kertaa.",
    sv: "Kontakta arrangören före första gången.",
    en: "Contact the organiser before the first time.",
  },
  "openData.localTime": {
    fi: "Suomen aikaa (Europe/Helsinki); UTC-siirtymä vaihtuu kesä- ja talviajan mukaan.",
    sv: "Finsk tid (Europe/Helsinki); UTC-förskjutningen följer sommar- och vintertid.",
    en: "Finnish time (Europe/Helsinki); the UTC offset follows summer and winter time.",
  },
  "openData.taxonomy.threshold": {
    fi: "Luotsi: matalan kynnyksen piirteet",
    sv: "Luotsi: lågtröskelegenskaper",
    en: "Luotsi: low-threshold attributes",
  },
  "openData.taxonomy.thresholdDescription": {
    fi: "Piirteet, jotka tekevät toimintaan tulemisesta helppoa. Luotsi julkaisee ne jokaisen toiminnan kohdalla, kun järjestäjä on ne merkinnyt.",
    sv: "Egenskaper som gör det lätt att komma med. Luotsi publicerar dem för varje verksamhet där arrangören har angett dem.",
    en: "What makes an activity easy to join. Luotsi publishes them for each activity where the organiser has marked them.",
  },
  "openData.taxonomy.kind": {
    fi: "Luotsi: toimintamuodot",
    sv: "Luotsi: verksamhetsformer",
    en: "Luotsi: kinds of activity",
  },
  "openData.taxonomy.kindDescription": {
    fi: "Toiminnan muoto, esimerkiksi ryhmä, kurssi tai retki. Jokaisella toiminnalla on yksi.",
    sv: "Verksamhetens form, till exempel grupp, kurs eller utflykt. Varje verksamhet har en.",
    en: "The form of an activity, such as a group, a course or an outing. Every activity has one.",
  },
  "openData.kindTerm": {
    fi: "Toimintamuoto: {name}",
    sv: "Verksamhetsform: {name}",
    en: "Kind of activity: {name}",
  },
  "openData.term.dropIn": {
    fi: "Toimintaan voi tulla suoraan paikalle ilman ennakkosopimista.",
    sv: "Man kan komma direkt utan att avtala i förväg.",
    en: "People can come along without arranging it in advance.",
  },
  "openData.term.free": {
    fi: "Osallistuminen on maksutonta.",
    sv: "Deltagandet är avgiftsfritt.",
    en: "Taking part costs nothing.",
  },
  "openData.term.noRegistration": {
    fi: "Ennakkoilmoittautumista ei tarvita.",
    sv: "Ingen förhandsanmälan behövs.",
    en: "No registration in advance.",
  },
  "openData.term.plainLanguage": {
    fi: "Toiminnassa puhutaan ja kirjoitetaan selkokieltä.",
    sv: "I verksamheten talar och skriver man lättläst språk.",
    en: "Plain language is spoken and written.",
  },
  "openData.term.accessible": {
    fi: "Paikka on esteetön.",
    sv: "Platsen är tillgänglig.",
    en: "The place is accessible.",
  },
  "openData.term.substanceFree": {
    fi: "Toiminta on päihteetöntä.",
    sv: "Verksamheten är drogfri.",
    en: "The activity is free of alcohol and drugs.",
  },
  "openData.term.bringAFriend": {
    fi: "Mukaan voi ottaa kaverin.",
    sv: "Man kan ta med en kompis.",
    en: "People may bring a friend.",
  },
  "openData.term.online": {
    fi: "Toimintaan osallistutaan verkossa.",
    sv: "Man deltar på nätet.",
    en: "People take part online.",
  },
  "calendar.heading": { fi: "Kalenteriin", sv: "Till kalendern", en: "In your calendar" },
  "calendar.subscribeIntro": {
    fi: "Tilaa toiminnat kalenteriisi, niin muutokset päivittyvät sinne itsestään:",
    sv: "Prenumerera på verksamheten i din kalender, så uppdateras ändringar av sig själva:",
    en: "Subscribe in your calendar app, and changes will update there by themselves:",
  },
  "calendar.subscribeOrganization": {
    fi: "Kaikki toiminnat: {name}",
    sv: "All verksamhet: {name}",
    en: "Every activity: {name}",
  },
  "calendar.subscribeMunicipality": {
    fi: "Kaikki toiminnat kunnassa: {name}",
    sv: "All verksamhet i kommunen: {name}",
    en: "Every activity in {name}",
  },
  "calendar.noFixedTimesShort": {
    fi: "Tällä toiminnalla ei ole kiinteitä viikkoaikoja, joten sitä ei voi lisätä kalenteriin.",
    sv: "Den här verksamheten har inga fasta tider varje vecka och kan inte läggas i kalendern.",
    en: "This activity has no fixed weekly times, so it cannot be added to a calendar.",
  },
  "organization.title": { fi: "{name} – Luotsi", sv: "{name} – Luotsi", en: "{name} – Luotsi" },
  "organization.activities": {
    fi: "Avoimet toiminnat",
    sv: "Öppen verksamhet",
    en: "Open activities",
  },
  "organization.noActivities": {
    fi: "Tällä järjestäjällä ei ole nyt avoimia toimintoja.",
    sv: "Arrangören har ingen öppen verksamhet just nu.",
    en: "This organiser has no open activities right now.",
  },
  "organization.website": { fi: "Verkkosivut", sv: "Webbplats", en: "Website" },
  "organization.municipality": { fi: "Kotikunta", sv: "Hemkommun", en: "Based in" },
  "organization.subscribe": {
    fi: "Tilaa järjestäjän toiminnat kalenteriisi",
    sv: "Prenumerera på arrangörens verksamhet i din kalender",
    en: "Subscribe to this organiser's activities in your calendar",
  },
  "organization.link": {
    fi: "Kaikki järjestäjän toiminnat",
    sv: "All verksamhet hos arrangören",
    en: "All of this organiser's activities",
  },
} as const;
