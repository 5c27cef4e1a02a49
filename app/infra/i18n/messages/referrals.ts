/** Referrals: the receiving side's words, notifications and mails. */
export const referralMessages = {
  "referrals.title": {
    fi: "Saapuneet pyynnöt",
    sv: "Inkomna förfrågningar",
    en: "Incoming requests",
  },
  "referrals.none": {
    fi: "Ei avoimia pyyntöjä.",
    sv: "Inga öppna förfrågningar.",
    en: "No open requests.",
  },
  "referrals.to": { fi: "Kohde", sv: "Till", en: "For" },
  "referrals.from": { fi: "Lähettäjä", sv: "Från", en: "From" },
  "referrals.participant": { fi: "Osallistuja", sv: "Deltagare", en: "Participant" },
  "referrals.noNickname": {
    fi: "(ei nimeä annettu)",
    sv: "(inget namn angivet)",
    en: "(no name given)",
  },
  "referrals.languages": { fi: "Kielet", sv: "Språk", en: "Languages" },
  "referrals.needs": {
    fi: "Tarpeet osallistumiseen",
    sv: "Behov för att delta",
    en: "Needs for taking part",
  },
  "referrals.noNeeds": {
    fi: "Ei erityistarpeita",
    sv: "Inga särskilda behov",
    en: "No special needs",
  },
  "referrals.message": {
    fi: "Työntekijän viesti",
    sv: "Handledarens meddelande",
    en: "Worker's message",
  },
  "referrals.sentOn": { fi: "Lähetetty {date}", sv: "Skickad {date}", en: "Sent {date}" },
  "referrals.expiresOn": {
    fi: "Vanhenee {date}",
    sv: "Går ut {date}",
    en: "Expires {date}",
  },
  "referrals.replyMessage": {
    fi: "Vastausviesti (vapaaehtoinen)",
    sv: "Svarsmeddelande (frivilligt)",
    en: "Reply message (optional)",
  },
  "referrals.accept": { fi: "Hyväksy", sv: "Godkänn", en: "Accept" },
  "referrals.decline": { fi: "Kieltäydy", sv: "Avböj", en: "Decline" },
  "referrals.accepted": {
    fi: "Pyyntö hyväksytty. Lähettäjälle on kerrottu.",
    sv: "Förfrågan godkänd. Avsändaren har fått veta.",
    en: "Request accepted. The sender has been told.",
  },
  "referrals.declined": {
    fi: "Kiitos vastauksesta. Kieltäytyminen ei vie eikä vapauta paikkoja, ja lähettäjälle kerrotaan ystävällisesti.",
    sv: "Tack för svaret. Ett nej tar eller frigör inga platser, och avsändaren får veta det vänligt.",
    en: "Thank you for answering. Declining takes or frees no places, and the sender is told kindly.",
  },
  "referrals.places": {
    fi: "Paikkoja käytössä {used}/{capacity}",
    sv: "Platser använda {used}/{capacity}",
    en: "Places taken {used}/{capacity}",
  },
  "referrals.status.sent": { fi: "Odottaa vastausta", sv: "Väntar på svar", en: "Awaiting answer" },
  "referrals.status.accepted": { fi: "Hyväksytty", sv: "Godkänd", en: "Accepted" },
  "referrals.status.declined": {
    fi: "Ei tällä kertaa",
    sv: "Inte den här gången",
    en: "Not this time",
  },
  "referrals.status.withdrawn": { fi: "Peruttu", sv: "Återtagen", en: "Withdrawn" },
  "referrals.status.expired": { fi: "Vanhentunut", sv: "Utgången", en: "Expired" },
  "referrals.error.not-found": {
    fi: "Pyyntöä ei löytynyt.",
    sv: "Förfrågan hittades inte.",
    en: "Request not found.",
  },
  "referrals.error.not-open": {
    fi: "Tähän pyyntöön on jo vastattu.",
    sv: "Förfrågan är redan besvarad.",
    en: "This request has already been answered.",
  },
  "referrals.error.expired": {
    fi: "Pyyntö ehti vanhentua (7 päivää ilman vastausta).",
    sv: "Förfrågan hann gå ut (7 dagar utan svar).",
    en: "The request expired (7 days without an answer).",
  },
  "referrals.error.full": {
    fi: "Paikat ovat täynnä, joten pyyntöä ei voi hyväksyä. Voit kieltäytyä tai kasvattaa kapasiteettia.",
    sv: "Platserna är fulla, så förfrågan kan inte godkännas. Du kan avböja eller öka kapaciteten.",
    en: "All places are taken, so the request cannot be accepted. You can decline or raise the capacity.",
  },
  "referrals.error.messageTooLong": {
    fi: "Viesti on enintään 1000 merkkiä.",
    sv: "Meddelandet får vara högst 1000 tecken.",
    en: "The message is at most 1000 characters.",
  },
  "referrals.notify.received": {
    fi: "Uusi ohjauspyyntö: {target}",
    sv: "Ny hänvisning: {target}",
    en: "New referral request: {target}",
  },
  "referrals.notify.accepted": {
    fi: "{target} hyväksyi ohjauksesi.",
    sv: "{target} godkände din hänvisning.",
    en: "{target} accepted your referral.",
  },
  "referrals.notify.declined": {
    fi: "{target} ei voi ottaa osallistujaa tällä kertaa. Kiitos ohjauksesta, kokeillaan toista vaihtoehtoa.",
    sv: "{target} kan inte ta emot deltagaren den här gången. Tack för hänvisningen, pröva ett annat alternativ.",
    en: "{target} cannot take the participant this time. Thank you for the referral; try another option.",
  },
  "referrals.notify.expired": {
    fi: "Ohjaukseesi ei vastattu 7 päivässä, joten se vanheni.",
    sv: "Din hänvisning besvarades inte inom 7 dagar och gick ut.",
    en: "Your referral got no answer in 7 days and expired.",
  },
  "referrals.mail.sent.subject": {
    fi: "Luotsi: uusi ohjauspyyntö",
    sv: "Luotsi: ny hänvisning",
    en: "Luotsi: new referral request",
  },
  "referrals.mail.sent.body": {
    fi: "Sinulle on uusi ohjauspyyntö kohteeseen {target}. Kirjaudu Luotsiin vastataksesi.",
    sv: "Du har en ny hänvisning till {target}. Logga in i Luotsi för att svara.",
    en: "You have a new referral request for {target}. Sign in to Luotsi to answer.",
  },
  "referrals.mail.accepted.subject": {
    fi: "Luotsi: ohjaus hyväksytty",
    sv: "Luotsi: hänvisning godkänd",
    en: "Luotsi: referral accepted",
  },
  "referrals.mail.accepted.body": {
    fi: "{target} hyväksyi ohjauksesi. Katso tiedot Luotsista.",
    sv: "{target} godkände din hänvisning. Se detaljerna i Luotsi.",
    en: "{target} accepted your referral. See the details in Luotsi.",
  },
  "referrals.mail.declined.subject": {
    fi: "Luotsi: vastaus ohjaukseen",
    sv: "Luotsi: svar på hänvisning",
    en: "Luotsi: answer to a referral",
  },
  "referrals.mail.declined.body": {
    fi: "{target} ei voi ottaa osallistujaa tällä kertaa. Kiitos ohjauksesta; Luotsista löydät muita vaihtoehtoja.",
    sv: "{target} kan inte ta emot deltagaren den här gången. Tack för hänvisningen; i Luotsi hittar du andra alternativ.",
    en: "{target} cannot take the participant this time. Thank you for the referral; Luotsi has other options.",
  },
  "notifications.title": { fi: "Ilmoitukset", sv: "Aviseringar", en: "Notifications" },
  "notifications.none": { fi: "Ei ilmoituksia.", sv: "Inga aviseringar.", en: "No notifications." },
  "notifications.markAllRead": {
    fi: "Merkitse kaikki luetuiksi",
    sv: "Markera alla som lästa",
    en: "Mark all as read",
  },
  "notifications.unread": { fi: "uusi", sv: "ny", en: "new" },
  "notifications.open": { fi: "Avaa", sv: "Öppna", en: "Open" },
  "notifications.nav": {
    fi: "Ilmoitukset ({count} uutta)",
    sv: "Aviseringar ({count} nya)",
    en: "Notifications ({count} new)",
  },
} as const;
