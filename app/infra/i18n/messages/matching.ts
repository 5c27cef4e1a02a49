/** Reasons the matcher gives for each suggestion, in plain words (docs/interfaces.md, "match"). */
export const matchingMessages = {
  "matching.reason.interest": {
    fi: "Kiinnostus: {labels}",
    sv: "Intresse: {labels}",
    en: "Interest: {labels}",
  },
  "matching.reason.related": {
    fi: "Samaa aihepiiriä: {labels}",
    sv: "Samma område: {labels}",
    en: "Related to: {labels}",
  },
  "matching.reason.place": {
    fi: "{place}, {km} km",
    sv: "{place}, {km} km",
    en: "{place}, {km} km",
  },
  "matching.reason.placeNear": {
    fi: "{place}, alle 1 km",
    sv: "{place}, under 1 km",
    en: "{place}, under 1 km",
  },
  "matching.reason.online": {
    fi: "Verkossa, ei matkaa",
    sv: "På nätet, ingen resa",
    en: "Online, no travel",
  },
  "matching.reason.scheduleFits": {
    fi: "{day} {time} sopii",
    sv: "{day} {time} passar",
    en: "{day} {time} fits",
  },
  "matching.reason.scheduleOverlaps": {
    fi: "Ehtii samoina päivinä: {days}",
    sv: "Har tid samma dagar: {days}",
    en: "Free on the same days: {days}",
  },
  "matching.reason.speaks": {
    fi: "Puhuu {language}",
    sv: "Talar {language}",
    en: "Speaks {language}",
  },
  "matching.reason.inLanguage": {
    fi: "Kielellä: {language}",
    sv: "På {language}",
    en: "In {language}",
  },
  "matching.reason.freePlaces": {
    fi: "{free}/{capacity} paikkaa vapaana",
    sv: "{free}/{capacity} platser lediga",
    en: "{free}/{capacity} places free",
  },
  "matching.reason.sameAssociation": {
    fi: "Samasta yhdistyksestä kuin {activity}",
    sv: "Från samma förening som {activity}",
    en: "Same association as {activity}",
  },
  "matching.threshold.dropIn": {
    fi: "voi tulla suoraan",
    sv: "kom när du vill",
    en: "drop in",
  },
  "matching.threshold.free": { fi: "maksuton", sv: "avgiftsfri", en: "free" },
  "matching.threshold.noRegistration": {
    fi: "ei ilmoittautumista",
    sv: "ingen anmälan",
    en: "no registration",
  },
  "matching.threshold.plainLanguage": { fi: "selkokieli", sv: "lättläst", en: "plain language" },
  "matching.threshold.accessible": { fi: "esteetön", sv: "tillgänglig", en: "accessible" },
  "matching.threshold.substanceFree": { fi: "päihteetön", sv: "drogfri", en: "substance-free" },
  "matching.threshold.bringAFriend": {
    fi: "kaverin voi ottaa mukaan",
    sv: "ta gärna med en kompis",
    en: "bring a friend",
  },
  "matching.threshold.online": { fi: "verkossa", sv: "på nätet", en: "online" },
};
