import { dateInFinland } from "#app/infra/finland-time.ts";

/** One read of a participant's record, from the audit log (newest first). */
export type RecordView = {
  at: Date;
  name: string | null;
  role: string | null;
  context: string | null;
};

/** One person's views of the record on one Finnish calendar day. */
export type ViewGroup = {
  /** YYYY-MM-DD in Finland. */
  day: string;
  name: string | null;
  role: string | null;
  count: number;
  /** Helsinki times "H:MM", earliest first, without repeats. */
  times: string[];
  /** The screens or APIs read from, in the order first seen. */
  contexts: string[];
};

const helsinkiClock = new Intl.DateTimeFormat("en", {
  timeZone: "Europe/Helsinki",
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h23",
});

function clockInFinland(at: Date) {
  const part = (type: string) =>
    helsinkiClock.formatToParts(at).find((p) => p.type === type)?.value ?? "";
  return `${Number(part("hour"))}:${part("minute").padStart(2, "0")}`;
}

/**
 * "Who has looked at the record", one line per person per day: a worker
 * opening the page's sections reads the record a dozen times in one sitting,
 * and a line per read buried the one read that matters (someone else's).
 * Views come newest first; groups keep that order (newest day first, and
 * within a day the person who looked last first).
 */
export function groupViews(views: readonly RecordView[]): ViewGroup[] {
  const groups = new Map<string, ViewGroup>();
  for (const v of views) {
    const day = dateInFinland(v.at);
    const key = JSON.stringify([day, v.name, v.role]);
    let g = groups.get(key);
    if (!g) {
      g = { day, name: v.name, role: v.role, count: 0, times: [], contexts: [] };
      groups.set(key, g);
    }
    g.count += 1;
    const time = clockInFinland(v.at);
    if (!g.times.includes(time)) g.times.push(time);
    if (v.context && !g.contexts.includes(v.context)) g.contexts.push(v.context);
  }
  const minutes = (t: string) => {
    const [h, m] = t.split(":").map(Number);
    return h! * 60 + m!;
  };
  for (const g of groups.values()) g.times.sort((a, b) => minutes(a) - minutes(b));
  return [...groups.values()];
}
