/** The coordinator's interest vocabulary pages. */
export const vocabularyMessages = {
  "vocabulary.title": {
    fi: "Kiinnostussanasto",
    sv: "Intresseordlista",
    en: "Interest vocabulary",
  },
  "vocabulary.back": {
    fi: "Koordinaattorin etusivu",
    sv: "Koordinatorns startsida",
    en: "Coordinator home",
  },
  "vocabulary.intro": {
    fi: "Sanasto ({count} käsitettä) kertoo Luotsille, että ”kalastamaan”, ”fiske” ja ”fishing” tarkoittavat samaa. Muutokset päivittävät osallistujien, toimintojen ja luotsien kiinnostukset ja haun synonyymit.",
    sv: "Ordlistan ({count} begrepp) berättar för Luotsi att ”kalastamaan”, ”fiske” och ”fishing” betyder samma sak. Ändringar uppdaterar intressena hos deltagare, verksamheter och lotsar samt sökningens synonymer.",
    en: "The vocabulary ({count} entries) tells Luotsi that “kalastamaan”, “fiske” and “fishing” mean the same. Changes update the interests of participants, activities and pilots and the search synonyms.",
  },
  "vocabulary.new": { fi: "Uusi käsite", sv: "Nytt begrepp", en: "New entry" },
  "vocabulary.search": { fi: "Hae sanastosta", sv: "Sök i ordlistan", en: "Search the vocabulary" },
  "vocabulary.categories": { fi: "Yläkäsitteet", sv: "Överbegrepp", en: "Categories" },
  "vocabulary.concepts": { fi: "Käsitteet", sv: "Begrepp", en: "Entries" },
  "vocabulary.col.label": {
    fi: "Nimi (fi · sv · en)",
    sv: "Namn (fi · sv · en)",
    en: "Label (fi · sv · en)",
  },
  "vocabulary.col.broader": { fi: "Yläkäsite", sv: "Överbegrepp", en: "Category" },
  "vocabulary.col.terms": { fi: "Muut sanat", sv: "Andra ord", en: "Other words" },
  "vocabulary.col.usage": { fi: "Käytössä", sv: "Används", en: "In use" },
  "vocabulary.usage": {
    fi: "Käytössä {count} osallistujalla, toiminnalla tai luotsilla.",
    sv: "Används av {count} deltagare, verksamheter eller lotsar.",
    en: "Used by {count} participants, activities or pilots.",
  },
  "vocabulary.field.key": { fi: "Tunniste", sv: "Nyckel", en: "Key" },
  "vocabulary.field.keyHint": {
    fi: "Pienet kirjaimet a–z, numerot ja väliviivat, esim. ice-fishing. Ei voi muuttaa myöhemmin.",
    sv: "Små bokstäver a–z, siffror och bindestreck, t.ex. ice-fishing. Kan inte ändras senare.",
    en: "Lower-case a–z, digits and hyphens, e.g. ice-fishing. Cannot be changed later.",
  },
  "vocabulary.field.labelFi": { fi: "Nimi suomeksi", sv: "Namn på finska", en: "Label in Finnish" },
  "vocabulary.field.labelSv": {
    fi: "Nimi ruotsiksi",
    sv: "Namn på svenska",
    en: "Label in Swedish",
  },
  "vocabulary.field.labelEn": {
    fi: "Nimi englanniksi",
    sv: "Namn på engelska",
    en: "Label in English",
  },
  "vocabulary.field.isCategory": {
    fi: "Tämä on yläkäsite (esim. luonto ja ulkoilu)",
    sv: "Detta är ett överbegrepp (t.ex. natur och friluftsliv)",
    en: "This is a category (e.g. nature and outdoors)",
  },
  "vocabulary.field.broader": { fi: "Yläkäsite", sv: "Överbegrepp", en: "Category" },
  "vocabulary.field.noBroader": {
    fi: "Ei yläkäsitettä",
    sv: "Inget överbegrepp",
    en: "No category",
  },
  "vocabulary.field.terms": {
    fi: "Muut sanat (synonyymit, ruotsi, englanti)",
    sv: "Andra ord (synonymer, svenska, engelska)",
    en: "Other words (synonyms, Swedish, English)",
  },
  "vocabulary.field.termsHint": {
    fi: "Yksi sana tai ilmaus riville perusmuodossa. Taivutusmuodot tunnistetaan itse.",
    sv: "Ett ord eller uttryck per rad i grundform. Böjningsformer känns igen automatiskt.",
    en: "One word or phrase per line, in base form. Inflected forms are recognised automatically.",
  },
  "vocabulary.saved": {
    fi: "Tallennettu. Kiinnostukset päivitettiin.",
    sv: "Sparat. Intressena uppdaterades.",
    en: "Saved. Interests were updated.",
  },
  "vocabulary.merged": {
    fi: "Käsite {from} yhdistettiin tähän.",
    sv: "Begreppet {from} slogs ihop med detta.",
    en: "The entry {from} was merged into this one.",
  },
  "vocabulary.searchLater": {
    fi: "Haku ei vastannut: synonyymit päivittyvät hakuun myöhemmin.",
    sv: "Sökningen svarade inte: synonymerna uppdateras senare.",
    en: "Search did not respond: the synonyms reach search later.",
  },
  "vocabulary.merge": {
    fi: "Yhdistä toiseen käsitteeseen",
    sv: "Slå ihop med ett annat begrepp",
    en: "Merge into another entry",
  },
  "vocabulary.mergeIntro": {
    fi: "Käsitteen ”{label}” nimet ja sanat siirtyvät valittuun käsitteeseen, ja ”{label}” poistuu. Kaikki sitä käyttävät tiedot päivitetään.",
    sv: "Namnen och orden för ”{label}” flyttas till det valda begreppet och ”{label}” tas bort. Alla uppgifter som använder det uppdateras.",
    en: "The labels and words of “{label}” move to the chosen entry and “{label}” is removed. Everything using it is updated.",
  },
  "vocabulary.mergeInto": { fi: "Yhdistä käsitteeseen", sv: "Slå ihop med", en: "Merge into" },
  "vocabulary.mergeSubmit": { fi: "Yhdistä", sv: "Slå ihop", en: "Merge" },
  "vocabulary.error.key": {
    fi: "Tunniste: pienet kirjaimet a–z, numerot ja väliviivat, enintään 60 merkkiä.",
    sv: "Nyckel: små bokstäver a–z, siffror och bindestreck, högst 60 tecken.",
    en: "Key: lower-case a–z, digits and hyphens, at most 60 characters.",
  },
  "vocabulary.error.keyTaken": {
    fi: "Tunniste on jo käytössä.",
    sv: "Nyckeln används redan.",
    en: "The key is already in use.",
  },
  "vocabulary.error.label.fi": {
    fi: "Kirjoita suomenkielinen nimi (enintään 80 merkkiä).",
    sv: "Skriv det finska namnet (högst 80 tecken).",
    en: "Enter the Finnish label (at most 80 characters).",
  },
  "vocabulary.error.label.sv": {
    fi: "Kirjoita ruotsinkielinen nimi (enintään 80 merkkiä).",
    sv: "Skriv det svenska namnet (högst 80 tecken).",
    en: "Enter the Swedish label (at most 80 characters).",
  },
  "vocabulary.error.label.en": {
    fi: "Kirjoita englanninkielinen nimi (enintään 80 merkkiä).",
    sv: "Skriv det engelska namnet (högst 80 tecken).",
    en: "Enter the English label (at most 80 characters).",
  },
  "vocabulary.error.terms": {
    fi: "Enintään 200 sanaa.",
    sv: "Högst 200 ord.",
    en: "At most 200 words.",
  },
  "vocabulary.error.term": {
    fi: "Sana on enintään 80 merkkiä.",
    sv: "Ett ord är högst 80 tecken.",
    en: "A word is at most 80 characters.",
  },
  "vocabulary.error.termTaken": {
    fi: "Sana ”{term}” kuuluu jo käsitteeseen {key}. Yksi sana voi kuulua vain yhteen käsitteeseen.",
    sv: "Ordet ”{term}” hör redan till begreppet {key}. Ett ord kan bara höra till ett begrepp.",
    en: "The word “{term}” already belongs to {key}. A word can belong to one entry only.",
  },
  "vocabulary.error.broader": {
    fi: "Valitse yläkäsite listalta.",
    sv: "Välj ett överbegrepp i listan.",
    en: "Choose a category from the list.",
  },
  "vocabulary.error.broaderSelf": {
    fi: "Käsite ei voi olla oma yläkäsitteensä.",
    sv: "Ett begrepp kan inte vara sitt eget överbegrepp.",
    en: "An entry cannot be its own category.",
  },
  "vocabulary.error.hasChildren": {
    fi: "Yläkäsitteellä on alakäsitteitä. Siirrä ne ensin muualle.",
    sv: "Överbegreppet har underbegrepp. Flytta dem först.",
    en: "The category has entries under it. Move them first.",
  },
  "vocabulary.error.notFound": {
    fi: "Käsitettä ei löytynyt.",
    sv: "Begreppet hittades inte.",
    en: "Entry not found.",
  },
  "vocabulary.error.mergeTarget": {
    fi: "Valitse käsite, johon yhdistetään.",
    sv: "Välj begreppet att slå ihop med.",
    en: "Choose the entry to merge into.",
  },
  "vocabulary.error.mergeSelf": {
    fi: "Käsitettä ei voi yhdistää itseensä.",
    sv: "Ett begrepp kan inte slås ihop med sig självt.",
    en: "An entry cannot be merged into itself.",
  },
  "vocabulary.error.mergeKind": {
    fi: "Yläkäsitteen voi yhdistää vain yläkäsitteeseen ja käsitteen käsitteeseen.",
    sv: "Ett överbegrepp kan bara slås ihop med ett överbegrepp, ett begrepp med ett begrepp.",
    en: "A category merges only into a category, an entry into an entry.",
  },
} as const;
