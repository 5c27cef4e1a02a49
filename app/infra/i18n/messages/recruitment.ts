/** Pilots recruited and trained, and new associations joining (issue #17, parts 3 and 4). */
export const recruitmentMessages = {
  "pilot.field.trainingStatus": {
    fi: "Koulutuksen tilanne",
    sv: "Utbildningsläge",
    en: "Training status",
  },
  "pilot.training.interested": { fi: "Kiinnostunut", sv: "Intresserad", en: "Interested" },
  "pilot.training.in-training": {
    fi: "Koulutuksessa",
    sv: "Under utbildning",
    en: "In training",
  },
  "pilot.training.trained": { fi: "Koulutettu", sv: "Utbildad", en: "Trained" },
  "pilot.field.trainingRecordHint": {
    fi: "Lisää käyty koulutus: se tallentuu luotsin koulutustietoihin (aiemmat näkyvät alla).",
    sv: "Lägg till en utbildning som lotsen gått: den sparas i lotsens utbildningsuppgifter (tidigare syns nedan).",
    en: "Add a training the pilot took: it is kept in the pilot's training records (earlier ones are shown below).",
  },
  "pilot.trainings": { fi: "Koulutukset", sv: "Utbildningar", en: "Trainings" },
  "pilot.trainings.none": {
    fi: "Ei kirjattuja koulutuksia.",
    sv: "Inga registrerade utbildningar.",
    en: "No trainings recorded.",
  },
  "pilot.trainings.coordinator": {
    fi: "koordinaattorin koulutus",
    sv: "koordinatorns utbildning",
    en: "the coordinator's training",
  },
  "shortlist.fit.notTrained": {
    fi: "Ei vielä koulutettu toimintaluotsiksi",
    sv: "Ännu inte utbildad verksamhetslots",
    en: "Not yet trained as a pilot",
  },
  "shortage.title": {
    fi: "Toimintaluotsien tarve",
    sv: "Behov av verksamhetslotsar",
    en: "Where pilots are needed",
  },
  "shortage.link": {
    fi: "Toimintaluotsien tarve kunnittain",
    sv: "Behov av verksamhetslotsar per kommun",
    en: "Where pilots are needed, by municipality",
  },
  "shortage.back": {
    fi: "← Koordinaattorin sivulle",
    sv: "← Till koordinatorns sida",
    en: "← Coordinator's page",
  },
  "shortage.intro": {
    fi: "Kunnittain: osallistujat, jotka haluavat toimintaluotsin, ja vapaat paikat luotseilla, joita voidaan ehdottaa (ottaa uusia, tilaa, ja koulutettu, kun alla oleva valinta on päällä). Tulossa: kiinnostuneet ja koulutuksessa olevat luotsit.",
    sv: "Per kommun: deltagare som vill ha en verksamhetslots och lediga platser hos lotsar som kan föreslås (tar emot nya, har plats och är utbildade när valet nedan är på). På väg: intresserade lotsar och lotsar under utbildning.",
    en: "By municipality: participants who want a pilot, and free places of pilots who can be suggested (taking new mentees, with room, and trained while the switch below is on). On their way: interested pilots and pilots in training.",
  },
  "shortage.col.wanting": {
    fi: "Haluaa luotsin",
    sv: "Vill ha en lots",
    en: "Want a pilot",
  },
  "shortage.col.freePlaces": {
    fi: "Vapaita luotsipaikkoja",
    sv: "Lediga lotsplatser",
    en: "Free pilot places",
  },
  "shortage.col.shortage": { fi: "Vajaus", sv: "Underskott", en: "Shortage" },
  "shortage.col.onTheirWay": {
    fi: "Luotseja tulossa",
    sv: "Lotsar på väg",
    en: "Pilots on their way",
  },
  "shortage.switch.title": {
    fi: "Vain koulutetut luotsit ehdotuksiin",
    sv: "Bara utbildade lotsar i förslagen",
    en: "Only trained pilots in suggestions",
  },
  "shortage.switch.on": {
    fi: "Päällä: ehdotuksissa ja ohjauksissa on vain koulutettuja toimintaluotseja.",
    sv: "På: förslag och hänvisningar omfattar bara utbildade verksamhetslotsar.",
    en: "On: suggestions and referrals include only trained pilots.",
  },
  "shortage.switch.off": {
    fi: "Pois: myös kiinnostuneita ja koulutuksessa olevia luotseja voidaan ehdottaa.",
    sv: "Av: även intresserade lotsar och lotsar under utbildning kan föreslås.",
    en: "Off: interested pilots and pilots in training can be suggested too.",
  },
  "shortage.switch.turnOff": {
    fi: "Salli myös kouluttamattomat",
    sv: "Tillåt även outbildade",
    en: "Allow untrained pilots too",
  },
  "shortage.switch.turnOn": {
    fi: "Vain koulutetut",
    sv: "Bara utbildade",
    en: "Only trained pilots",
  },
  "shortage.tableTitle": {
    fi: "Luotsia haluavat ja vapaat luotsipaikat kunnittain",
    sv: "Deltagare som vill ha en lots och lediga lotsplatser per kommun",
    en: "Who wants a pilot and free pilot places, by municipality",
  },
  "shortage.backToShortage": {
    fi: "← Toimintaluotsien tarve",
    sv: "← Behov av verksamhetslotsar",
    en: "← Where pilots are needed",
  },
  "shortage.trainingsLink": {
    fi: "Koordinaattorin koulutukset",
    sv: "Koordinatorns utbildningar",
    en: "The coordinator's trainings",
  },
  "pilot.trainingsLink": {
    fi: "Koulutukset ja osallistujat",
    sv: "Utbildningar och deltagare",
    en: "Trainings and who attended",
  },
  "training.title": {
    fi: "Toimintaluotsien koulutukset",
    sv: "Verksamhetslotsarnas utbildningar",
    en: "Pilots' trainings",
  },
  "training.intro.staff": {
    fi: "Kirjaa yhdistyksenne järjestämät koulutukset ja ketkä luotseistanne osallistuivat. Koordinaattorin koulutukset näkyvät täällä, jos luotsejanne osallistui.",
    sv: "Registrera utbildningar som er förening ordnat och vilka av era lotsar som deltog. Koordinatorns utbildningar syns här om era lotsar deltog.",
    en: "Record the trainings your association held and which of your pilots attended. The coordinator's trainings show here when your pilots attended.",
  },
  "training.intro.coordinator": {
    fi: "Kirjaa koordinaattorin järjestämät koulutukset ja osallistuneet luotsit kaikista yhdistyksistä.",
    sv: "Registrera utbildningar som koordinatorn ordnat och lotsarna som deltog, från alla föreningar.",
    en: "Record the coordinator's trainings and the pilots who attended, from every association.",
  },
  "training.held": { fi: "Pidetyt koulutukset", sv: "Hållna utbildningar", en: "Trainings held" },
  "training.new": {
    fi: "Kirjaa koulutus",
    sv: "Registrera en utbildning",
    en: "Record a training",
  },
  "training.field.date": { fi: "Päivämäärä", sv: "Datum", en: "Date" },
  "training.field.topic": { fi: "Aihe", sv: "Ämne", en: "Topic" },
  "training.field.attendees": { fi: "Osallistujat", sv: "Deltagare", en: "Attended" },
  "training.col.heldBy": { fi: "Järjestäjä", sv: "Arrangör", en: "Held by" },
  "training.othersCount": {
    fi: "ja {count} muuta",
    sv: "och {count} andra",
    en: "and {count} others",
  },
  "training.topicExample": {
    fi: "esim. Toimintaluotsin peruskoulutus",
    sv: "t.ex. Grundutbildning för verksamhetslotsar",
    en: "e.g. Pilot basic training",
  },
  "training.markTrained": {
    fi: "Merkitse osallistujat koulutetuiksi",
    sv: "Markera deltagarna som utbildade",
    en: "Mark those who attended as trained",
  },
  "training.save": { fi: "Tallenna koulutus", sv: "Spara utbildningen", en: "Save the training" },
  "training.saved": {
    fi: "Koulutus tallennettu.",
    sv: "Utbildningen sparad.",
    en: "Training saved.",
  },
  "training.error.date": {
    fi: "Anna päivämäärä muodossa pp.kk.vvvv.",
    sv: "Ange datum som dd.mm.åååå.",
    en: "Give the date as dd.mm.yyyy.",
  },
  "training.error.topic": {
    fi: "Kerro koulutuksen aihe (enintään 120 merkkiä).",
    sv: "Ange utbildningens ämne (högst 120 tecken).",
    en: "Give the training's topic (at most 120 characters).",
  },
  "training.error.attendees": {
    fi: "Valitse ainakin yksi osallistunut luotsi.",
    sv: "Välj minst en lots som deltog.",
    en: "Choose at least one pilot who attended.",
  },
};
