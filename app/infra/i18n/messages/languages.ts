/** The language menu and the plain-language switch (issue #16). */
export const languageMessages = {
  // Each language names itself, whatever the page's language.
  "lang.switchTo.uk": { fi: "Українською", sv: "Українською", en: "Українською" },
  "lang.switchTo.ru": { fi: "По-русски", sv: "По-русски", en: "По-русски" },
  "lang.switchTo.ar": { fi: "بالعربية", sv: "بالعربية", en: "بالعربية" },
  "lang.switchTo.so": { fi: "Af-Soomaali", sv: "Af-Soomaali", en: "Af-Soomaali" },
  "lang.switchTo.et": { fi: "Eesti keeles", sv: "Eesti keeles", en: "Eesti keeles" },
  "nav.plainLanguage": { fi: "Selkokieli", sv: "Lättläst", en: "Plain language" },
  // The participant's own profile on /me: the worker's form labels speak of "them".
  "me.field.name": { fi: "Nimi", sv: "Namn", en: "Name" },
  "me.field.municipality": { fi: "Kotikunta", sv: "Hemkommun", en: "Home municipality" },
  "me.field.languages": { fi: "Kielet", sv: "Språk", en: "Languages" },
  "me.field.interests": { fi: "Kiinnostuksesi", sv: "Dina intressen", en: "Your interests" },
  "me.noConsents": {
    fi: "Suostumuksia ei ole kirjattu.",
    sv: "Inga samtycken har antecknats.",
    en: "No consents have been recorded.",
  },
  "me.field.when": {
    fi: "Milloin pääset mukaan",
    sv: "När du kan delta",
    en: "When you can take part",
  },
  // The worker's choice of a participant's invitation language.
  "locale.fi": { fi: "suomi", sv: "finska", en: "Finnish" },
  "locale.fi-x-selko": {
    fi: "suomi, selkokieli",
    sv: "finska, lättläst",
    en: "Finnish, plain language",
  },
  "locale.sv": { fi: "ruotsi", sv: "svenska", en: "Swedish" },
  "locale.sv-x-lattlast": {
    fi: "ruotsi, selkokieli",
    sv: "svenska, lättläst",
    en: "Swedish, plain language",
  },
  "locale.en": { fi: "englanti", sv: "engelska", en: "English" },
  "locale.uk": { fi: "ukraina", sv: "ukrainska", en: "Ukrainian" },
  "locale.ru": { fi: "venäjä", sv: "ryska", en: "Russian" },
  "locale.ar": { fi: "arabia", sv: "arabiska", en: "Arabic" },
  "locale.so": { fi: "somali", sv: "somaliska", en: "Somali" },
  "locale.et": { fi: "viro", sv: "estniska", en: "Estonian" },
  "participants.invite.language": {
    fi: "Kutsun ja sivujen kieli",
    sv: "Språk för inbjudan och sidorna",
    en: "Language of the invitation and the pages",
  },
  "participants.error.inviteLanguage": {
    fi: "Valitse kieli listasta.",
    sv: "Välj ett språk i listan.",
    en: "Choose a language from the list.",
  },
  // The participant's invitation mail, in the language the worker chose.
  "invite.mail.subject": {
    fi: "Kutsu Luotsiin",
    sv: "Inbjudan till Luotsi",
    en: "Invitation to Luotsi",
  },
  "invite.mail.body": {
    fi: "Hei!\n\nSinut on kutsuttu Luotsiin. Luotsissa näet omat tietosi ja toiminnat, joista olette puhuneet ohjaajasi kanssa.\n\nLuo tunnus tästä linkistä. Linkki toimii {days} päivää ja vain yhden kerran:\n{link}\n\nJos et odottanut tätä viestiä, voit jättää sen huomiotta.",
    sv: "Hej!\n\nDu har bjudits in till Luotsi. I Luotsi ser du dina egna uppgifter och de verksamheter som du och din handledare har pratat om.\n\nSkapa ditt konto via länken. Länken gäller i {days} dagar och bara en gång:\n{link}\n\nOm du inte väntade dig det här meddelandet kan du strunta i det.",
    en: "Hello,\n\nYou have been invited to Luotsi. In Luotsi you can see your own details and the activities you and your worker have talked about.\n\nCreate your account with this link. It works for {days} days and only once:\n{link}\n\nIf you were not expecting this message, you can ignore it.",
  },
} as const;
