/** The privacy page, password rules and the participant data export. */
export const privacyMessages = {
  "privacy.title": { fi: "Tietosuoja", sv: "Dataskydd", en: "Privacy" },
  "privacy.intro": {
    fi: "Luotsi auttaa löytämään matalan kynnyksen toimintaa ja toimintaluotsin. Tällä sivulla kerrotaan selkeästi, mitä tietoja Luotsiin tallennetaan, kuka niitä näkee ja miten voit käyttää oikeuksiasi.",
    sv: "Luotsi hjälper dig att hitta lågtröskelverksamhet och en verksamhetslots. Här berättar vi tydligt vilka uppgifter som sparas i Luotsi, vem som ser dem och hur du kan använda dina rättigheter.",
    en: "Luotsi helps people find low-threshold activities and a volunteer pilot. This page explains plainly what is stored in Luotsi, who sees it and how you can use your rights.",
  },
  "privacy.controller.title": {
    fi: "Kuka vastaa tiedoistasi",
    sv: "Vem ansvarar för dina uppgifter",
    en: "Who is responsible for your data",
  },
  "privacy.controller.body": {
    fi: "Tietojasi käsittelee se yhdistys tai organisaatio, jonka työntekijän kanssa olet asioinut. Se on tietojesi rekisterinpitäjä. Muut yhdistykset eivät näe tietojasi.",
    sv: "Dina uppgifter behandlas av den förening eller organisation vars handledare du har träffat. Den är personuppgiftsansvarig. Andra föreningar ser inte dina uppgifter.",
    en: "Your data is handled by the association or organization whose worker you met. It is the controller of your data. Other associations cannot see your data.",
  },
  "privacy.what.title": { fi: "Mitä tallennetaan", sv: "Vad som sparas", en: "What is stored" },
  "privacy.what.body": {
    fi: "Osallistujasta tallennetaan tunniste (ei nimeä eikä henkilötunnusta), kunta, kielet, kiinnostuksen kohteet, milloin ehdit mukaan, tarpeet kuten selkokieli tai esteettömyys, toiveet toimintaluotsista sekä polun askeleet. Terveydestä, päihteiden käytöstä tai rikostaustasta ei kysytä, eikä niitä pidä kirjoittaa vapaisiin tekstikenttiin.",
    sv: "Om en deltagare sparas en kod (inget namn eller personbeteckning), kommun, språk, intressen, när du har tid, behov som lättläst eller tillgänglighet, önskemål om en verksamhetslots och stegen på vägen. Vi frågar inte om hälsa, användning av rusmedel eller brottsbakgrund, och sådant ska inte skrivas i fritextfälten.",
    en: "For a participant we store a code (no name or personal identity code), municipality, languages, interests, when you are free, needs such as plain language or accessibility, whether you want a pilot, and the steps of your path. We do not ask about health, substance use or criminal background, and such things must not be written in free-text fields.",
  },
  "privacy.who.title": {
    fi: "Kuka näkee tiedot",
    sv: "Vem ser uppgifterna",
    en: "Who sees the data",
  },
  "privacy.who.body": {
    fi: "Vain oman organisaatiosi työntekijät näkevät tietosi. Jokainen tietojesi katselu tallentuu lokiin: näet, kuka tietojasi on käyttänyt ja miksi. Toimintaa järjestävä yhdistys ja toimintaluotsi näkevät vain sen, mitä ohjaukseen tarvitaan. Hakupalveluun ei koskaan tallenneta osallistujien tietoja.",
    sv: "Bara handledare i din egen organisation ser dina uppgifter. Varje gång någon tittar på dem sparas det i en logg: du kan se vem som har använt dina uppgifter och varför. Föreningen som ordnar verksamheten och verksamhetslotsen ser bara det som behövs för hänvisningen. Deltagarnas uppgifter sparas aldrig i söktjänsten.",
    en: "Only workers of your own organization see your data. Every view is written to a log: you can find out who used your data and why. The association running an activity and the pilot see only what the referral needs. Participants' data is never put in the search service.",
  },
  "privacy.rights.title": { fi: "Oikeutesi", sv: "Dina rättigheter", en: "Your rights" },
  "privacy.rights.body": {
    fi: "Voit pyytää tietosi nähtäväksi ja itsellesi tiedostona (koneluettava JSON ja luettava sivu), pyytää korjaamaan virheet, perua suostumuksesi ja pyytää tietojesi poistamista. Kun tiedot poistetaan, sinusta ei jää mitään tunnistettavaa: tilastoihin jää vain nimetön merkintä polun askeleista. Pyydä näitä työntekijältäsi tai omalta tililtäsi.",
    sv: "Du kan be att få se dina uppgifter och få dem som en fil (maskinläsbar JSON och en läsbar sida), be att fel rättas, återkalla ditt samtycke och be att uppgifterna raderas. När de raderas blir inget identifierbart kvar: i statistiken finns bara en anonym notering om stegen på vägen. Be din handledare om detta eller gör det på ditt eget konto.",
    en: "You can ask to see your data and get it as a file (machine-readable JSON and a readable page), ask for mistakes to be corrected, withdraw your consent and ask for your data to be erased. After erasure nothing identifies you: statistics keep only an anonymous record of the path steps. Ask your worker, or use your own account.",
  },
  "privacy.retention.title": {
    fi: "Kuinka kauan tietoja säilytetään",
    sv: "Hur länge uppgifterna sparas",
    en: "How long data is kept",
  },
  "privacy.retention.body": {
    fi: "Kun ohjaus on päättynyt, tietosi poistetaan automaattisesti {days} päivän kuluttua. Lokitiedot tietojesi käytöstä säilytetään lain vaatiman ajan.",
    sv: "När handledningen har avslutats raderas dina uppgifter automatiskt efter {days} dagar. Loggen över hur uppgifterna har använts sparas så länge lagen kräver.",
    en: "When the guidance has ended, your data is erased automatically after {days} days. The log of who used your data is kept as long as the law requires.",
  },
  "privacy.security.title": { fi: "Tietoturva", sv: "Informationssäkerhet", en: "Security" },
  "privacy.security.body": {
    fi: "Yhteydet on salattu, salasanat tallennetaan vain tiiviste­muodossa (argon2id), istunnot päättyvät 30 minuutin käyttämättömyyden jälkeen ja tiedoista otetaan varmuuskopiot. Jos löydät tietoturvaongelman, ilmoita siitä palvelun ylläpitäjälle.",
    sv: "Förbindelserna är krypterade, lösenord sparas bara som hashvärden (argon2id), sessioner avslutas efter 30 minuter utan aktivitet och uppgifterna säkerhetskopieras. Om du hittar ett säkerhetsproblem, meddela tjänstens administratör.",
    en: "Connections are encrypted, passwords are stored only as hashes (argon2id), sessions end after 30 minutes without use and the data is backed up. If you find a security problem, tell the service's administrator.",
  },
  "privacy.complaint": {
    fi: "Voit myös tehdä valituksen tietosuojavaltuutetun toimistolle (tietosuoja.fi).",
    sv: "Du kan också klaga hos dataombudsmannens byrå (tietosuoja.fi).",
    en: "You can also complain to the Office of the Data Protection Ombudsman (tietosuoja.fi).",
  },
  "honeypot.label": {
    fi: "Jätä tämä kenttä tyhjäksi",
    sv: "Lämna det här fältet tomt",
    en: "Leave this field empty",
  },
  "password.tooShort": {
    fi: "Salasanassa pitää olla vähintään 12 merkkiä. Pitkä lause on hyvä salasana.",
    sv: "Lösenordet ska ha minst 12 tecken. En lång mening är ett bra lösenord.",
    en: "The password needs at least 12 characters. A long phrase makes a good password.",
  },
  "password.tooLong": {
    fi: "Salasana on liian pitkä (enintään 256 merkkiä).",
    sv: "Lösenordet är för långt (högst 256 tecken).",
    en: "The password is too long (at most 256 characters).",
  },
  "password.common": {
    fi: "Tämä salasana on yleisimpien salasanojen listalla. Valitse toinen.",
    sv: "Lösenordet finns på listan över de vanligaste lösenorden. Välj ett annat.",
    en: "This password is on the list of the most common passwords. Choose another.",
  },
  "password.containsEmail": {
    fi: "Salasana ei saa olla sähköpostiosoitteesi.",
    sv: "Lösenordet får inte vara din e-postadress.",
    en: "The password must not be your email address.",
  },
  "password.mismatch": {
    fi: "Salasanat eivät ole samat.",
    sv: "Lösenorden är inte likadana.",
    en: "The passwords do not match.",
  },
  "export.title": {
    fi: "Osallistujan tiedot {ref}",
    sv: "Deltagarens uppgifter {ref}",
    en: "Participant's data {ref}",
  },
  "export.generated": {
    fi: "Koottu {date}",
    sv: "Sammanställt {date}",
    en: "Compiled {date}",
  },
  "export.profile": { fi: "Perustiedot", sv: "Grunduppgifter", en: "Profile" },
  "export.consents": { fi: "Suostumukset", sv: "Samtycken", en: "Consents" },
  "export.pathSteps": { fi: "Polun askeleet", sv: "Stegen på vägen", en: "Path steps" },
  "export.referrals": { fi: "Ohjaukset", sv: "Hänvisningar", en: "Referrals" },
  "export.shortlist": { fi: "Muistilista", sv: "Minneslista", en: "Shortlist" },
  "export.attendance": { fi: "Läsnäolot", sv: "Närvaro", en: "Attendance" },
  "export.contacts": { fi: "Yhteydenotot", sv: "Kontakter", en: "Contacts" },
  "export.selfAssessments": { fi: "Itsearviot", sv: "Självbedömningar", en: "Self-assessments" },
  "export.accessLog": {
    fi: "Kuka on käyttänyt tietojasi",
    sv: "Vem har använt dina uppgifter",
    en: "Who has used your data",
  },
  "export.none": { fi: "Ei merkintöjä", sv: "Inga uppgifter", en: "Nothing recorded" },
  "erase.title": {
    fi: "Poista osallistujan tiedot {ref}",
    sv: "Radera deltagarens uppgifter {ref}",
    en: "Erase participant's data {ref}",
  },
  "erase.intro": {
    fi: "Poisto on lopullinen. Henkilötiedot poistetaan: vapaat tekstit, muistiinpanot, nimimerkki, syntymävuosi, kielet, kiinnostukset, ajat, tarpeet, suostumukset, muistilista, itsearviot ja osallistujan käyttäjätili. Tilastoja varten jää nimetön rivi: polun askeleet, läsnäolo- ja yhteydenottopäivät, ohjausten tulokset ilman viestejä sekä sukupuoli ja kunta. Lokitiedot säilyvät lain mukaan.",
    sv: "Raderingen är slutgiltig. Personuppgifterna tas bort: fritexter, anteckningar, smeknamn, födelseår, språk, intressen, tider, behov, samtycken, minneslista, självbedömningar och deltagarens konto. För statistiken blir en anonym rad kvar: stegen på vägen, närvaro- och kontaktdatum, hänvisningarnas utfall utan meddelanden samt kön och kommun. Loggen bevaras enligt lag.",
    en: "Erasure is final. Personal data is removed: free text, notes, nickname, birth year, languages, interests, times, needs, consents, shortlist, self-assessments and the participant's account. An anonymous row stays for statistics: path steps, attendance and contact dates, referral outcomes without messages, gender and municipality. The audit log is kept as the law requires.",
  },
  "erase.exportFirst": {
    fi: "Anna osallistujalle ensin hänen tietonsa, jos hän niitä haluaa:",
    sv: "Ge först deltagaren hens uppgifter om hen vill ha dem:",
    en: "First give the participant their data if they want it:",
  },
  "erase.exportJson": {
    fi: "tiedot JSON-muodossa",
    sv: "uppgifterna som JSON",
    en: "data as JSON",
  },
  "erase.exportHtml": {
    fi: "luettava sivu",
    sv: "läsbar sida",
    en: "readable page",
  },
  "erase.confirmLabel": {
    fi: "Vahvista kirjoittamalla osallistujan tunnus {ref}",
    sv: "Bekräfta genom att skriva deltagarens kod {ref}",
    en: "Confirm by typing the participant's code {ref}",
  },
  "erase.confirmMismatch": {
    fi: "Tunnus ei täsmää. Mitään ei poistettu.",
    sv: "Koden stämmer inte. Inget raderades.",
    en: "The code does not match. Nothing was erased.",
  },
  "erase.submit": { fi: "Poista lopullisesti", sv: "Radera slutgiltigt", en: "Erase for good" },
  "erase.cancel": { fi: "Peruuta", sv: "Avbryt", en: "Cancel" },
  "erase.done": {
    fi: "Osallistujan tiedot on poistettu.",
    sv: "Deltagarens uppgifter har raderats.",
    en: "The participant's data has been erased.",
  },
} as const;
