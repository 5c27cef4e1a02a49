/** Unmet interests and new groups (issue #17). */
export const needsMessages = {
  "needs.title": {
    fi: "Puuttuva toiminta",
    sv: "Saknad verksamhet",
    en: "Missing activities",
  },
  "needs.link": {
    fi: "Puuttuva toiminta: kiinnostukset ilman sopivaa ryhmää",
    sv: "Saknad verksamhet: intressen utan passande grupp",
    en: "Missing activities: interests without a fitting group",
  },
  "needs.intro": {
    fi: "Kuinka monella osallistujalla on kiinnostus, jota mikään avoin toiminta heidän ulottuvillaan ei tarjoa (samat säännöt kuin ehdotuksissa: avoin, tilaa, ikä, yhteinen kieli, etäisyys), ja kuinka monella tarjoava toiminta on täynnä. Vain lukumääriä, ei kenenkään tietoja.",
    sv: "Hur många deltagare har ett intresse som ingen öppen verksamhet inom räckhåll erbjuder (samma regler som förslagen: öppen, plats, ålder, gemensamt språk, avstånd), och för hur många den verksamhet som erbjuder det är full. Bara antal, ingens uppgifter.",
    en: "How many participants have an interest that no open activity within their reach offers (the same rules as the suggestions: open, places, age, a common language, distance), and for how many the activity that offers it is full. Counts only, never anyone's record.",
  },
  "needs.scope.staff": {
    fi: "Näet kunnat, joissa yhdistyksesi järjestää toimintaa: {names}.",
    sv: "Du ser kommunerna där din förening ordnar verksamhet: {names}.",
    en: "You see the municipalities where your organization runs activities: {names}.",
  },
  "needs.scope.none": {
    fi: "Yhdistykselläsi ei ole avointa tai tauolla olevaa toimintaa, joten kuntia ei ole näytettävänä.",
    sv: "Din förening har ingen öppen eller pausad verksamhet, så det finns inga kommuner att visa.",
    en: "Your organization runs no open or paused activity, so there are no municipalities to show.",
  },
  "needs.suppressed": {
    fi: "”..” on piilotettu luku: alle viisi henkilöä tai luku, josta sellainen ryhmä voitaisiin laskea muista luvuista.",
    sv: "”..” är ett dolt tal: under fem personer eller ett tal som en sådan grupp kunde räknas ut ur de andra talen.",
    en: "“..” is a hidden number: under five people, or a number from which such a group could be worked out from the others.",
  },
  "needs.byMunicipality": { fi: "Kunnittain", sv: "Per kommun", en: "By municipality" },
  "needs.byInterest": {
    fi: "Kiinnostuksittain: {municipality}",
    sv: "Per intresse: {municipality}",
    en: "By interest: {municipality}",
  },
  "needs.byInterestHint": {
    fi: "Pääluokka ja sen alla sen kiinnostukset. Osallistuja lasketaan kerran kullakin rivillä.",
    sv: "Huvudkategori och under den dess intressen. En deltagare räknas en gång per rad.",
    en: "A category with its interests below it. A participant counts once on each row.",
  },
  "needs.trend": {
    fi: "Neljänneksittäin: {municipality}",
    sv: "Per kvartal: {municipality}",
    en: "By quarter: {municipality}",
  },
  "needs.trendHint": {
    fi: "Kunkin neljänneksen viimeisin laskettu tilanne.",
    sv: "Det senast beräknade läget under varje kvartal.",
    en: "The latest figures computed in each quarter.",
  },
  "needs.col.municipality": { fi: "Kunta", sv: "Kommun", en: "Municipality" },
  "needs.col.interest": { fi: "Kiinnostus", sv: "Intresse", en: "Interest" },
  "needs.col.quarter": { fi: "Neljännes", sv: "Kvartal", en: "Quarter" },
  "needs.col.unmet": {
    fi: "Ei sopivaa toimintaa",
    sv: "Ingen passande verksamhet",
    en: "No fitting activity",
  },
  "needs.col.full": {
    fi: "Sopiva toiminta täynnä",
    sv: "Passande verksamhet full",
    en: "Fitting activity full",
  },
  "needs.col.action": { fi: "Uusi ryhmä", sv: "Ny grupp", en: "New group" },
  "needs.all": { fi: "Kaikki kunnat", sv: "Alla kommuner", en: "All municipalities" },
  "needs.municipality": { fi: "Kunta", sv: "Kommun", en: "Municipality" },
  "needs.show": { fi: "Näytä", sv: "Visa", en: "Show" },
  "needs.create": { fi: "Perusta toiminta", sv: "Starta verksamhet", en: "Start an activity" },
  "needs.createFor": {
    fi: "Perusta toiminta: {interest}, {municipality}",
    sv: "Starta verksamhet: {interest}, {municipality}",
    en: "Start an activity: {interest}, {municipality}",
  },
  "needs.csv": { fi: "Lataa CSV", sv: "Ladda ner CSV", en: "Download CSV" },
  "needs.chart": {
    fi: "Pylväskaavio: osallistujat, joilla on kiinnostus ilman sopivaa toimintaa, kunnittain. Samat luvut ovat taulukossa.",
    sv: "Stapeldiagram: deltagare med ett intresse utan passande verksamhet, per kommun. Samma tal finns i tabellen.",
    en: "Bar chart: participants with an interest without a fitting activity, by municipality. The table has the same numbers.",
  },
  "needs.chartTitle": {
    fi: "Kiinnostus ilman sopivaa toimintaa",
    sv: "Intresse utan passande verksamhet",
    en: "Interest without a fitting activity",
  },
  "needs.empty": {
    fi: "Ei kiinnostuksia ilman sopivaa toimintaa.",
    sv: "Inga intressen utan passande verksamhet.",
    en: "No interests without a fitting activity.",
  },
  "needs.quarter": {
    fi: "{year} / {q}. neljännes",
    sv: "{year} / kvartal {q}",
    en: "{year} / quarter {q}",
  },
  "needs.draft": {
    fi: "Pohjana puuttuva toiminta: {interest}, {municipality}. Tarkista ja täydennä tiedot ennen tallennusta.",
    sv: "Utgår från saknad verksamhet: {interest}, {municipality}. Kontrollera och komplettera uppgifterna innan du sparar.",
    en: "Based on missing activity: {interest}, {municipality}. Check and complete the details before saving.",
  },
  "needs.draftTimes": {
    fi: "Ehdotetut ajat ovat aikoja, jolloin vähintään viisi kiinnostunutta on vapaana.",
    sv: "De föreslagna tiderna är tider då minst fem intresserade är lediga.",
    en: "The suggested times are times when at least five interested people are free.",
  },
  "needs.draftNoTimes": {
    fi: "Yhteistä aikaa, jolloin vähintään viisi kiinnostunutta olisi vapaana, ei löytynyt: valitse ajat itse.",
    sv: "Ingen gemensam tid då minst fem intresserade är lediga hittades: välj tider själv.",
    en: "No time was found when at least five interested people are free: choose the times yourself.",
  },
  "needs.newFit": {
    fi: "Uusi sopiva toiminta: {title}. Osallistujallesi ei aiemmin löytynyt sopivaa toimintaa; katso ehdotukset.",
    sv: "Ny passande verksamhet: {title}. Din deltagare hade tidigare ingen passande verksamhet; se förslagen.",
    en: "New fitting activity: {title}. Your participant had nothing fitting before; see the suggestions.",
  },
  "needs.hiddenRows": {
    fi: "Kiinnostukset, joiden luvut ovat piilossa ({count} riviä)",
    sv: "Intressen vars tal är dolda ({count} rader)",
    en: "Interests whose numbers are hidden ({count} rows)",
  },
};
