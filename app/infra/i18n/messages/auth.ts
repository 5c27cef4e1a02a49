export const authMessages = {
  "login.title": { fi: "Kirjaudu sisään", sv: "Logga in", en: "Sign in" },
  "login.intro": {
    fi: "Kirjautuminen on työntekijöille, yhdistyksille, toimintaluotseille ja kutsutuille osallistujille. Toimintoja voi selata kirjautumatta.",
    sv: "Inloggningen är för handledare, föreningar, verksamhetslotsar och inbjudna deltagare. Du kan bläddra bland verksamheterna utan att logga in.",
    en: "Sign-in is for workers, associations, pilots and invited participants. Anyone can browse activities without signing in.",
  },
  "login.expired": {
    fi: "Istuntosi päättyi, koska et tehnyt mitään vähään aikaan. Kirjaudu uudelleen, niin pääset jatkamaan siitä, mihin jäit.",
    sv: "Din session tog slut eftersom du inte gjorde något på en stund. Logga in igen så kan du fortsätta där du slutade.",
    en: "Your session ended because you had not done anything for a while. Sign in again to carry on where you left off.",
  },
  "login.email": { fi: "Sähköposti", sv: "E-post", en: "Email" },
  "login.password": { fi: "Salasana", sv: "Lösenord", en: "Password" },
  "login.submit": { fi: "Kirjaudu", sv: "Logga in", en: "Sign in" },
  "login.failed": {
    fi: "Sähköposti tai salasana ei kelpaa.",
    sv: "E-postadressen eller lösenordet stämmer inte.",
    en: "The email or password is not valid.",
  },
  "login.rateLimited": {
    fi: "Liian monta yritystä. Odota hetki ja yritä uudelleen.",
    sv: "För många försök. Vänta en stund och försök igen.",
    en: "Too many attempts. Wait a while and try again.",
  },
  "login.signedOut": {
    fi: "Olet kirjautunut ulos.",
    sv: "Du har loggat ut.",
    en: "You have signed out.",
  },
  "field.required": { fi: "Pakollinen tieto", sv: "Obligatoriskt", en: "Required" },
  "field.email": {
    fi: "Anna sähköpostiosoite",
    sv: "Ange en e-postadress",
    en: "Enter an email address",
  },
  "dashboard.title": { fi: "Työpöytä", sv: "Översikt", en: "Dashboard" },
  "dashboard.welcome": { fi: "Tervetuloa, {name}", sv: "Välkommen, {name}", en: "Welcome, {name}" },
  "dashboard.role": { fi: "Roolisi: {role}", sv: "Din roll: {role}", en: "Your role: {role}" },
  "admin.organizations": { fi: "Yhdistykset", sv: "Föreningar", en: "Organizations" },
  "admin.users": {
    fi: "Käyttäjät ja kutsut",
    sv: "Användare och inbjudningar",
    en: "Users and invitations",
  },
  "admin.vocabulary": {
    fi: "Kiinnostusten sanasto",
    sv: "Intresseordlista",
    en: "Interest vocabulary",
  },
  "admin.reports": { fi: "Raportit", sv: "Rapporter", en: "Reports" },
  "admin.audit": {
    fi: "Lokitiedot (kuka katsoi mitä)",
    sv: "Logg (vem såg vad)",
    en: "Audit log (who saw what)",
  },
  "admin.mailbox": {
    fi: "Kehityspostilaatikko",
    sv: "Utvecklingspostlåda",
    en: "Development mailbox",
  },
} as const;
