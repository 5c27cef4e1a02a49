/** The pilot's own screen and the staff's pilot pages. */
export const pilotMessages = {
  "pilot.title": { fi: "Toimintaluotsi", sv: "Verksamhetslots", en: "Pilot" },
  "pilot.greeting": { fi: "Hei {name}!", sv: "Hej {name}!", en: "Hello {name}!" },
  "pilot.noProfile": {
    fi: "Tiliisi ei ole vielä liitetty luotsiprofiilia. Ota yhteyttä yhdistykseesi.",
    sv: "Inget lotsprofil är ännu kopplat till ditt konto. Kontakta din förening.",
    en: "No pilot profile is linked to your account yet. Please contact your organization.",
  },
  "pilot.availability": { fi: "Otatko uusia?", sv: "Tar du emot nya?", en: "Taking new mentees?" },
  "pilot.menteesNow": {
    fi: "Kuljet nyt {active} henkilön rinnalla; enintään {capacity} kerrallaan.",
    sv: "Du går nu bredvid {active} personer; högst {capacity} åt gången.",
    en: "You are accompanying {active} people now; at most {capacity} at a time.",
  },
  "pilot.acceptingYes": {
    fi: "Otat vastaan uusia – työntekijät voivat ehdottaa sinua.",
    sv: "Du tar emot nya – handledare kan föreslå dig.",
    en: "You are accepting new mentees – workers can suggest you.",
  },
  "pilot.acceptingNo": {
    fi: "Et ota nyt uusia – sinua ei ehdoteta kenellekään.",
    sv: "Du tar inte emot nya nu – du föreslås inte för någon.",
    en: "You are not accepting new mentees – you are not suggested to anyone.",
  },
  "pilot.acceptingButFull": {
    fi: "Otat vastaan uusia, mutta paikat ovat täynnä, joten sinua ei nyt ehdoteta.",
    sv: "Du tar emot nya, men platserna är fulla, så du föreslås inte just nu.",
    en: "You accept new mentees but all your places are taken, so you are not suggested now.",
  },
  "pilot.stopAccepting": {
    fi: "En ota nyt uusia",
    sv: "Jag tar inte emot nya nu",
    en: "Stop accepting new mentees",
  },
  "pilot.startAccepting": {
    fi: "Otan taas uusia",
    sv: "Jag tar emot nya igen",
    en: "Start accepting new mentees",
  },
  "pilot.saved.profile": {
    fi: "Profiili tallennettu.",
    sv: "Profilen sparad.",
    en: "Profile saved.",
  },
  "pilot.saved.acceptingOn": {
    fi: "Otat taas vastaan uusia.",
    sv: "Du tar emot nya igen.",
    en: "You are accepting new mentees again.",
  },
  "pilot.saved.acceptingOff": {
    fi: "Selvä, et ota nyt uusia.",
    sv: "Okej, du tar inte emot nya nu.",
    en: "Done: you are not accepting new mentees.",
  },
  "pilot.profile": { fi: "Oma profiili", sv: "Egen profil", en: "Your profile" },
  "pilot.profileHint": {
    fi: "Työntekijät näkevät nimesi, kuntasi, kielesi, kiinnostuksesi, esittelysi ja vapaat aikasi. Yhteystietojasi ei näytetä.",
    sv: "Handledare ser ditt namn, din kommun, dina språk, intressen, presentation och lediga tider. Dina kontaktuppgifter visas inte.",
    en: "Workers see your name, municipality, languages, interests, bio and free times. Your contact details are not shown.",
  },
  "pilot.none": { fi: "Ei toimintaluotseja.", sv: "Inga verksamhetslotsar.", en: "No pilots." },
  "pilot.account": { fi: "Oma tili", sv: "Eget konto", en: "Own account" },
  "pilot.noAccount": {
    fi: "Ei tiliä (yhdistys vastaa pyyntöihin)",
    sv: "Inget konto (föreningen svarar)",
    en: "No account (staff answer requests)",
  },
  "pilot.backToList": { fi: "← Toimintaluotsit", sv: "← Verksamhetslotsar", en: "← Pilots" },
  "pilot.field.displayName": {
    fi: "Nimi (etunimi tai lempinimi)",
    sv: "Namn (förnamn eller smeknamn)",
    en: "Name (first name or nickname)",
  },
  "pilot.field.bio": { fi: "Lyhyt esittely", sv: "Kort presentation", en: "Short bio" },
  "pilot.field.schedule": {
    fi: "Milloin ehdit (viikoittain)",
    sv: "När du har tid (varje vecka)",
    en: "When you are free (weekly)",
  },
  "pilot.field.mentees": { fi: "Kuljettavat", sv: "Adepter", en: "Mentees" },
  "pilot.field.capacity": {
    fi: "Montako kerrallaan (1–20)",
    sv: "Hur många åt gången (1–20)",
    en: "How many at a time (1–20)",
  },
  "pilot.field.activeMentees": { fi: "Nyt mukana", sv: "Nu med", en: "Active now" },
  "pilot.field.acceptingMentees": {
    fi: "Otan vastaan uusia",
    sv: "Tar emot nya",
    en: "Accepting new mentees",
  },
  "pilot.field.training": { fi: "Koulutus", sv: "Utbildning", en: "Training" },
  "pilot.field.trainingCourse": {
    fi: "Kurssi (esim. toimintaluotsikoulutus)",
    sv: "Kurs (t.ex. lotsutbildning)",
    en: "Course (e.g. pilot training)",
  },
  "pilot.field.trainingDate": { fi: "Päivämäärä", sv: "Datum", en: "Date" },
  "pilot.error.displayName": {
    fi: "Anna etunimi tai lempinimi (enintään 40 merkkiä).",
    sv: "Ange förnamn eller smeknamn (högst 40 tecken).",
    en: "Give a first name or nickname (at most 40 characters).",
  },
  "pilot.error.municipality": {
    fi: "Valitse kunta luettelosta.",
    sv: "Välj en kommun i listan.",
    en: "Choose a municipality from the list.",
  },
  "pilot.error.languages": {
    fi: "Valitse vähintään yksi kieli. Muut kielet kaksikirjaimisina koodeina (esim. de).",
    sv: "Välj minst ett språk. Andra språk som tvåbokstavskoder (t.ex. de).",
    en: "Choose at least one language. Other languages as two-letter codes (e.g. de).",
  },
  "pilot.error.interests": {
    fi: "Enintään 50 kiinnostusta, kukin enintään 100 merkkiä.",
    sv: "Högst 50 intressen, vart och ett högst 100 tecken.",
    en: "At most 50 interests, each at most 100 characters.",
  },
  "pilot.error.bio": {
    fi: "Esittely on enintään 1000 merkkiä.",
    sv: "Presentationen får vara högst 1000 tecken.",
    en: "The bio is at most 1000 characters.",
  },
  "pilot.error.capacity": {
    fi: "Anna kokonaisluku 1–20.",
    sv: "Ange ett heltal 1–20.",
    en: "Give a whole number 1–20.",
  },
  "pilot.error.activeMentees": {
    fi: "Anna kokonaisluku 0–20.",
    sv: "Ange ett heltal 0–20.",
    en: "Give a whole number 0–20.",
  },
  "pilot.error.trainingCourse": {
    fi: "Kurssin nimi on enintään 120 merkkiä.",
    sv: "Kursens namn får vara högst 120 tecken.",
    en: "The course name is at most 120 characters.",
  },
  "pilot.error.trainingDate": {
    fi: "Päivämäärä muodossa VVVV-KK-PP.",
    sv: "Datum som ÅÅÅÅ-MM-DD.",
    en: "Date as YYYY-MM-DD.",
  },
  "pilot.error.accepting": {
    fi: "Tuntematon valinta.",
    sv: "Okänt val.",
    en: "Unknown choice.",
  },
  "pilot.new": { fi: "Uusi toimintaluotsi", sv: "Ny verksamhetslots", en: "New pilot" },
  "pilot.newHint": {
    fi: "Profiili ilman omaa tiliä: yhdistys vastaa luotsin puolesta, kunnes koordinaattori kutsuu hänet (luotsiprofiilin tunnisteella).",
    sv: "Profil utan eget konto: föreningen svarar för lotsen tills koordinatorn bjuder in hen (med lotsprofilens identifierare).",
    en: "A profile without an account: the organization answers for the pilot until the coordinator invites them (with the profile reference).",
  },
} as const;
