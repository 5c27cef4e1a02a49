import { describe, expect, it } from "vitest";
import {
  dayPartsOfWindow,
  scheduleSlots,
  understandQuery,
  wantedSlots,
} from "#app/modules/catalog/query-understanding.ts";
import { getPlaceNames } from "#app/modules/places/municipalities.server.ts";

const places = getPlaceNames();
const understand = (q: string) => understandQuery(q, places);

describe("places in what people type", () => {
  it.each([
    ["Savonlinna", "Savonlinna"],
    ["Savonlinnassa", "Savonlinna"],
    ["Savonlinnaan", "Savonlinna"],
    ["Savonlinnasta", "Savonlinna"],
    ["Savonlinnan", "Savonlinna"],
    ["Porissa", "Pori"],
    ["Poriin", "Pori"],
    ["Raumalla", "Rauma"],
    ["Vaasan", "Vaasa"],
    ["Vaasassa", "Vaasa"],
    ["Tampereella", "Tampere"],
    ["Tampereen", "Tampere"],
    ["Helsingissä", "Helsinki"],
    ["Helsinkiin", "Helsinki"],
    ["Turussa", "Turku"],
    ["Turkuun", "Turku"],
    ["Lahdessa", "Lahti"],
    ["Lahteen", "Lahti"],
    ["Ruokolahdella", "Ruokolahti"],
    ["Rautjärvellä", "Rautjärvi"],
    ["Seinäjoella", "Seinäjoki"],
    ["Kalajoella", "Kalajoki"],
    ["Pieksämäellä", "Pieksämäki"],
    ["Lappeenrannassa", "Lappeenranta"],
    ["Kauniaisissa", "Kauniainen"],
    ["Kaustisella", "Kaustinen"],
    ["Uudessakaupungissa", "Uusikaupunki"],
    ["Varkaudessa", "Varkaus"],
    ["Nurmeksessa", "Nurmes"],
    ["Pihtiputaalla", "Pihtipudas"],
    ["Espooseen", "Espoo"],
    ["Heinävedellä", "Heinävesi"],
    ["Outokummussa", "Outokumpu"],
    ["Kankaanpäässä", "Kankaanpää"],
    ["Vasa", "Vaasa"],
    ["Vasas", "Vaasa"],
    ["Björneborg", "Pori"],
    ["Borgå", "Porvoo"],
    ["Jakobstad", "Pietarsaari"],
    ["Nykarleby", "Uusikaarlepyy"],
    ["Helsingfors", "Helsinki"],
    ["Åbo", "Turku"],
    ["S:t Michel", "Mikkeli"],
    ["Koski Tl", "Koski Tl"],
    ["Mänttä-Vilppula", "Mänttä-Vilppula"],
  ])("%s is %s", (text, municipality) => {
    const u = understand(text);
    expect(u.place?.municipality).toBe(municipality);
    expect(u.remainder).toBe("");
  });

  it.each([
    ["Kerimäellä", "Savonlinna", "Kerimäki"],
    ["Punkaharjulle", "Savonlinna", "Punkaharju"],
    ["Simpeleellä", "Rautjärvi", "Simpele"],
    ["Sundom", "Vaasa", "Sundom"],
    ["Vähäkyrössä", "Vaasa", "Vähäkyrö"],
    ["Mäntässä", "Mänttä-Vilppula", "Mänttä"],
  ])("the village %s is in %s", (text, municipality, village) => {
    expect(understand(text).place).toEqual({ municipality, village });
  });

  it("never turns a place into an interest word (Savonlinna was read as bird watching)", () => {
    for (const q of ["Savonlinna", "kalastus Kalajoella", "Kankaanpää", "Humppilassa"]) {
      const u = understand(q);
      expect(u.place, q).toBeDefined();
      expect(u.remainder.toLowerCase(), q).not.toMatch(/savonlinna|kalajo|kankaanp|humppila/);
    }
  });

  it("takes the first place and offers the others instead of searching them as words", () => {
    const u = understand("kalastus Savonlinna Parikkala");
    expect(u.place?.municipality).toBe("Savonlinna");
    expect(u.otherPlaces.map((p) => p.municipality)).toEqual(["Parikkala"]);
    expect(u.remainder).toBe("kalastus");
  });

  it("reads a partitive only after lähellä, and eats the place markers", () => {
    expect(understand("retki lähellä Savonlinnaa").place?.municipality).toBe("Savonlinna");
    expect(understand("retki lähellä Savonlinnaa").remainder).toBe("");
    expect(understand("fiske i Vasa").remainder).toBe("fiske");
    expect(understand("kahvila Vaasan seudulla").remainder).toBe("kahvila");
    expect(understand("kalastus ja Parikkala").remainder).toBe("kalastus");
  });
});

describe("the ambiguity rule (ADR 009): place words that are also ordinary words", () => {
  it("reads them as words when nothing says they are places", () => {
    for (const q of ["koski", "salo", "kalastus koskella", "saari", "aura", "hanko", "nokia"]) {
      const u = understand(q);
      expect(u.place, q).toBeUndefined();
      expect(u.placeWordsAsText.length, q).toBe(1);
      expect(u.remainder, q).toBe(q);
    }
  });

  it("reads them as places with a capital letter inside the query", () => {
    expect(understand("kalastus Koski").place?.municipality).toBe("Koski Tl");
    expect(understand("ruokakurssi Salossa").place?.municipality).toBe("Salo");
  });

  it("reads them as places next to a place marker", () => {
    expect(understand("kurssi salon kaupungissa").place?.municipality).toBe("Salo");
    expect(understand("lähellä saloa").place?.municipality).toBe("Salo");
    expect(understand("kurs i hangö").place?.municipality).toBe("Hanko");
  });

  it("reads a capitalized word that is the whole query as the place", () => {
    expect(understand("Salo").place?.municipality).toBe("Salo");
    expect(understand("salo").place).toBeUndefined();
  });

  it("does not take ordinary words as places at all", () => {
    for (const q of ["kalastus", "kuntosali", "lautapelit", "tiistai", "kirkko", "ranta"]) {
      expect(understand(q).place, q).toBeUndefined();
    }
  });
});

describe("days and parts of the day", () => {
  it.each([
    ["tiistaina", [2]],
    ["tiistaisin", [2]],
    ["tiistai", [2]],
    ["ti", [2]],
    ["tisdag", [2]],
    ["tisdagar", [2]],
    ["tisdagen", [2]],
    ["Tuesday", [2]],
    ["tuesdays", [2]],
    ["tue", [2]],
    ["keskiviikkona", [3]],
    ["keskiviikkoisin", [3]],
    ["onsdagar", [3]],
    ["lauantaisin", [6]],
    ["söndag", [7]],
    ["viikonloppuna", [6, 7]],
    ["på helgen", [6, 7]],
    ["weekend", [6, 7]],
    ["arkisin", [1, 2, 3, 4, 5]],
    ["ma-pe", [1, 2, 3, 4, 5]],
    ["mån–fre", [1, 2, 3, 4, 5]],
    ["ti ja to", [2, 4]],
  ])("%s means %j", (text, weekdays) => {
    const u = understand(text);
    expect(u.weekdays).toEqual(weekdays);
    expect(u.remainder).toBe("");
  });

  it("keeps 'to' as an English word unless another day stands beside it", () => {
    expect(understand("how to paint").weekdays).toEqual([]);
    expect(understand("how to paint").remainder).toBe("how to paint");
  });

  it.each([
    ["aamulla", ["morning"]],
    ["aamupäivisin", ["morning"]],
    ["iltapäivällä", ["afternoon"]],
    ["illalla", ["evening"]],
    ["iltaisin", ["evening"]],
    ["på kvällen", ["evening"]],
    ["kvällar", ["evening"]],
    ["in the evening", ["evening"]],
    ["mornings", ["morning"]],
    ["päivällä", ["morning", "afternoon"]],
  ])("%s means %j", (text, parts) => {
    expect(understand(text).dayParts).toEqual(parts);
  });

  it("splits day and part of the day in compounds", () => {
    for (const q of ["tiistai-iltaisin", "tiistaiiltaisin", "tisdagskvällar", "Tuesday evenings"]) {
      const u = understand(q);
      expect(u.weekdays, q).toEqual([2]);
      expect(u.dayParts, q).toEqual(["evening"]);
      expect(u.remainder, q).toBe("");
    }
  });

  it("puts a weekly window into the parts it starts in or covers for an hour", () => {
    expect(dayPartsOfWindow("17:00", "19:00")).toEqual(["evening"]);
    expect(dayPartsOfWindow("16:00", "17:30")).toEqual(["afternoon"]);
    expect(dayPartsOfWindow("16:00", "19:00")).toEqual(["afternoon", "evening"]);
    expect(dayPartsOfWindow("09:00", "13:00")).toEqual(["morning", "afternoon"]);
    expect(scheduleSlots([{ weekday: 2, start: "17:00", end: "19:00" }]).slots).toEqual([
      "2-evening",
    ]);
    expect(wantedSlots([6, 7], ["evening"])).toEqual(["6-evening", "7-evening"]);
    expect(wantedSlots([2], [])).toEqual([]);
  });
});

describe("low-threshold words, languages, kinds and ages", () => {
  it.each([
    ["ilmainen", "free"],
    ["maksuton", "free"],
    ["maksuttomat", "free"],
    ["gratis", "free"],
    ["free", "free"],
    ["avgiftsfri", "free"],
    ["ilman ilmoittautumista", "noRegistration"],
    ["utan anmälan", "noRegistration"],
    ["no registration", "noRegistration"],
    ["drop-in", "dropIn"],
    ["dropin", "dropIn"],
    ["esteetön", "accessible"],
    ["esteettömät", "accessible"],
    ["tillgänglig", "accessible"],
    ["wheelchair accessible", "accessible"],
    ["päihteetön", "substanceFree"],
    ["drogfri", "substanceFree"],
    ["substance-free", "substanceFree"],
    ["selkokielinen", "plainLanguage"],
    ["selkokielellä", "plainLanguage"],
    ["lättläst", "plainLanguage"],
    ["plain language", "plainLanguage"],
    ["kaverin kanssa", "bringAFriend"],
    ["med en kompis", "bringAFriend"],
    ["bring a friend", "bringAFriend"],
    ["verkossa", "online"],
    ["online", "online"],
  ])("%s is the %s flag", (text, flag) => {
    const u = understand(text);
    expect(u.flags).toEqual([flag]);
    expect(u.remainder).toBe("");
  });

  it.each([
    ["englanniksi", "en"],
    ["englannin kielellä", "en"],
    ["englanninkielinen", "en"],
    ["in English", "en"],
    ["på engelska", "en"],
    ["engelskspråkig", "en"],
    ["ruotsiksi", "sv"],
    ["på svenska", "sv"],
    ["in Swedish", "sv"],
    ["suomeksi", "fi"],
    ["på finska", "fi"],
    ["ukrainaksi", "uk"],
    ["på ukrainska", "uk"],
    ["in Ukrainian", "uk"],
    ["venäjäksi", "ru"],
    ["på ryska", "ru"],
    ["arabiaksi", "ar"],
    ["in Arabic", "ar"],
    ["somaliksi", "so"],
  ])("%s asks for activities in %s", (text, language) => {
    const u = understand(text);
    expect(u.language).toBe(language);
    expect(u.remainder).toBe("");
  });

  it("leaves the bare language name to the interests (learning English is an interest)", () => {
    expect(understand("englanti").language).toBeUndefined();
    expect(understand("english").remainder).toBe("english");
  });

  it.each([
    ["kurssi", "course"],
    ["kurssit", "course"],
    ["kurs", "course"],
    ["courses", "course"],
    ["ryhmä", "group"],
    ["retki", "outing"],
    ["retkelle", "outing"],
    ["utflykt", "outing"],
    ["vapaaehtoistyö", "volunteering"],
    ["vapaaehtoiseksi", "volunteering"],
    ["frivilligarbete", "volunteering"],
    ["volunteering", "volunteering"],
    ["vertaistuki", "peer-support"],
    ["vertaisryhmä", "peer-support"],
    ["kamratstöd", "peer-support"],
    ["peer support", "peer-support"],
    ["työpaja", "workshop"],
  ])("%s is the kind %s", (text, kind) => {
    expect(understand(text).kind).toBe(kind);
  });

  it("splits a kind off a compound and keeps the rest as the word", () => {
    expect(understand("kokkikurssi")).toMatchObject({ kind: "course", remainder: "kokki" });
    expect(understand("sieniretki")).toMatchObject({ kind: "outing", remainder: "sieni" });
    expect(understand("målarkurs")).toMatchObject({ kind: "course", remainder: "målar" });
    // -ryhmä is not a kind head: a gym group is a sport.
    expect(understand("kuntosaliryhmä").kind).toBeUndefined();
  });

  it.each([
    ["nuorille", "youth"],
    ["nuorten", "youth"],
    ["för unga", "youth"],
    ["young people", "youth"],
    ["senioreille", "seniors"],
    ["ikäihmisille", "seniors"],
    ["för äldre", "seniors"],
    ["seniors", "seniors"],
    ["aikuisille", "adults"],
    ["vuxna", "adults"],
    ["lapsille", "children"],
    ["barn", "children"],
  ])("%s is for %s", (text, group) => {
    expect(understand(text).ageGroup).toBe(group);
  });

  it("reads ages", () => {
    expect(understand("20-vuotiaille").age).toBe(20);
    expect(understand("16 v").age).toBe(16);
    expect(understand("age 70").age).toBe(70);
    expect(understand("ikä 45").age).toBe(45);
    expect(understand("4H kerho").age).toBeUndefined();
  });
});

describe("whole queries", () => {
  it("understands the issue's example", () => {
    const u = understand("kalastus Savonlinnassa tiistaisin");
    expect(u.place).toEqual({ municipality: "Savonlinna", village: undefined });
    expect(u.weekdays).toEqual([2]);
    expect(u.remainder).toBe("kalastus");
    expect(u.parts.map((p) => p.text)).toEqual(["Savonlinnassa", "tiistaisin"]);
  });

  it("understands many things at once, in any language", () => {
    expect(understand("ilmainen kuntosali Porissa illalla englanniksi")).toMatchObject({
      place: { municipality: "Pori" },
      flags: ["free"],
      dayParts: ["evening"],
      language: "en",
      remainder: "kuntosali",
    });
    expect(understand("gratis gym i Vasa på kvällen")).toMatchObject({
      place: { municipality: "Vaasa" },
      flags: ["free"],
      dayParts: ["evening"],
      remainder: "gym",
    });
    expect(understand("board games in English on Saturday")).toMatchObject({
      language: "en",
      weekdays: [6],
      remainder: "board games",
    });
  });

  it("keeps what it does not understand, as typed", () => {
    expect(understand("Walk & Talk").remainder).toBe("Walk Talk");
    expect(understand("").remainder).toBe("");
    expect(understand("   ").parts).toEqual([]);
  });

  it("survives hostile input", () => {
    for (const q of [
      "<script>alert(1)</script>",
      "'; drop table--",
      "ä".repeat(1000),
      "🙂 🙃",
      "\u0000",
    ]) {
      expect(() => understand(q)).not.toThrow();
    }
  });
});
