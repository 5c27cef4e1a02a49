import fs from "node:fs";

/**
 * A big import file of the documented format (docs/import-format.md) for the
 * import benchmark and the import tests: organizations, activities and
 * participants with path steps, the same on every run (a seeded generator).
 */
const ORGANIZATIONS = 40;

const MUNICIPALITIES = [
  "Parikkala",
  "Savonlinna",
  "Imatra",
  "Lappeenranta",
  "Pori",
  "Vaasa",
  "Oulu",
  "Kuopio",
  "Joensuu",
  "Mikkeli",
  "Rauma",
  "Turku",
  "Tampere",
  "Jyväskylä",
  "Lahti",
  "Kotka",
  "Kouvola",
  "Hämeenlinna",
  "Seinäjoki",
  "Rovaniemi",
];
export const TOPICS: [string, string[]][] = [
  ["Kalastuskerho", ["kalastus", "luonto"]],
  ["Kuntosaliryhmä", ["kuntosali", "liikunta"]],
  ["Kuorolaulu", ["laulu", "musiikki"]],
  ["Käsityöpiiri", ["käsityöt", "neulonta"]],
  ["Ruokapiiri", ["ruoanlaitto", "leivonta"]],
  ["Lautapeli-ilta", ["lautapelit", "seurustelu"]],
  ["Luontoretki", ["retkeily", "luonto"]],
  ["Digiapu", ["tietotekniikka"]],
  ["Tanssi", ["tanssi", "liikunta"]],
  ["Maalausryhmä", ["maalaus", "taide"]],
  ["Valokuvauskurssi", ["valokuvaus"]],
  ["Lukupiiri", ["lukeminen", "kirjallisuus"]],
  ["Puutarharyhmä", ["puutarha"]],
  ["Ruoka-apu", ["vapaaehtoistyö", "ruoka-apu"]],
  ["Vertaisryhmä", ["vertaistuki"]],
];
const KINDS = ["group", "course", "workshop", "outing", "sport", "culture", "peer-support"];
const FLAGS = ["dropIn", "free", "noRegistration", "plainLanguage", "accessible", "substanceFree"];
const STEPS = ["reached", "started", "regular", "committed"];

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const pad = (n: number, w = 5) => String(n).padStart(w, "0");
const hhmm = (h: number, m = 0) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
const DAY = 86_400_000;

function flags(chance: number) {
  return Object.fromEntries(FLAGS.filter(() => rand() < chance).map((f) => [f, true]));
}

function schedule() {
  const day = 1 + Math.floor(rand() * 7);
  const start = 9 + Math.floor(rand() * 10);
  return [{ weekday: day, start: hhmm(start), end: hhmm(start + 1, 30) }];
}

/** A file of the documented import format (docs/import-format.md), the same on every run. */
export function generateImportFile(file: string, activities: number, participants: number) {
  const today = Date.now();
  const organizations = Array.from({ length: ORGANIZATIONS }, (_, i) => ({
    ref: `org-bench-${pad(i, 2)}`,
    name: `Penkkiyhdistys ${i} ry`,
    municipality: MUNICIPALITIES[i % MUNICIPALITIES.length],
    description: "Yhdistys, joka järjestää matalan kynnyksen toimintaa.",
  }));
  const out = fs.openSync(file, "w");
  const write = (s: string) => fs.writeSync(out, s);
  write(`{"organizations":${JSON.stringify(organizations)},"activities":[\n`);
  for (let i = 0; i < activities; i++) {
    const [title, interests] = pick(TOPICS);
    const org = i % ORGANIZATIONS;
    const capacity = rand() < 0.7 ? 5 + Math.floor(rand() * 25) : null;
    const record = {
      ref: `act-bench-${pad(i)}`,
      organizationRef: organizations[org]!.ref,
      title: `${title} ${i}`,
      description: `${title} kaikille. Tule sellaisena kuin olet, mitään ei tarvitse osata. Ryhmä ${i}.`,
      interests,
      kind: pick(KINDS),
      municipality: organizations[org]!.municipality,
      languages: rand() < 0.2 ? ["fi", "sv"] : ["fi"],
      schedule: schedule(),
      threshold: flags(0.3),
      ...(rand() < 0.2 ? { minAge: 18 } : {}),
      ...(capacity != null ? { capacity, enrolled: Math.floor(rand() * capacity) } : {}),
      status: rand() < 0.9 ? "open" : "paused",
    };
    write(`${i > 0 ? ",\n" : ""}${JSON.stringify(record)}`);
  }
  write(`],"participants":[\n`);
  for (let i = 0; i < participants; i++) {
    const org = i % ORGANIZATIONS;
    const first = today - (60 + Math.floor(rand() * 600)) * DAY;
    const steps = STEPS.slice(0, 1 + Math.floor(rand() * STEPS.length)).map((step, k) => ({
      step,
      date: new Date(first + k * 14 * DAY).toISOString().slice(0, 10),
    }));
    const record = {
      ref: `p-bench-${pad(i)}`,
      organizationRef: organizations[org]!.ref,
      municipality: organizations[org]!.municipality,
      gender: pick(["female", "male", "other", "unknown"]),
      birthYear: 1950 + Math.floor(rand() * 55),
      languages: ["fi"],
      interests: pick(TOPICS)[1],
      ...(rand() < 0.5 ? { interestText: "Tykkää olla ihmisten kanssa, ei isoja ryhmiä." } : {}),
      wantsPilot: rand() < 0.3,
      needs: flags(0.15),
      schedule: schedule(),
      pathSteps: steps,
    };
    write(`${i > 0 ? ",\n" : ""}${JSON.stringify(record)}`);
  }
  write("]}\n");
  fs.closeSync(out);
}
