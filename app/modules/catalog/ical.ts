import type { WeeklyWindow } from "#db/schema.ts";

const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/**
 * RFC 5545 TEXT (3.3.11): backslash, semicolon and comma escaped, every line
 * break (CRLF, LF or a lone CR) written as "\n", and the other control
 * characters, which TEXT does not allow, left out. No character of an
 * activity's title, description or address can end a content line.
 */
export function escapeText(text: string) {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    // Control characters other than tab (\p{Cc} minus U+0009); line breaks are gone already.
    .replace(/(?!\t)\p{Cc}/gu, "");
}

/** RFC 5545 lines are at most 75 octets; longer ones continue after CRLF + space. */
function fold(line: string) {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  for (const ch of line) {
    if (Buffer.byteLength(current + ch, "utf8") > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
    }
    current += ch;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The next date (YYYYMMDD, Helsinki) falling on a weekday (1 = Monday). */
function nextDate(weekday: number, from: Date) {
  const today = new Date(from.toLocaleString("en-US", { timeZone: "Europe/Helsinki" }));
  const current = ((today.getDay() + 6) % 7) + 1;
  const d = new Date(today);
  d.setDate(today.getDate() + ((weekday - current + 7) % 7));
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, "0")}${String(d.getDate()).padStart(2, "0")}`;
}

/** One weekly recurring event per session, in Finnish local time. */
export function buildIcal(
  activity: {
    ref: string;
    title: string;
    description: string | null;
    address: string | null;
    municipality: string;
    schedule: WeeklyWindow[];
    url: string;
  },
  now = new Date(),
) {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const location = [activity.address, activity.municipality].filter(Boolean).join(", ");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Luotsi//Activities//FI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Helsinki",
    "BEGIN:STANDARD",
    "DTSTART:19701025T040000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "TZOFFSETFROM:+0300",
    "TZOFFSETTO:+0200",
    "TZNAME:EET",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:19700329T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0300",
    "TZNAME:EEST",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
  ];
  activity.schedule.forEach((w, i) => {
    const date = nextDate(w.weekday, now);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${activity.ref.replace(/[^A-Za-z0-9_.-]/g, "_")}-${i}@luotsi`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=Europe/Helsinki:${date}T${w.start.replace(":", "")}00`,
      `DTEND;TZID=Europe/Helsinki:${date}T${w.end.replace(":", "")}00`,
      `RRULE:FREQ=WEEKLY;BYDAY=${DAY_CODES[w.weekday - 1]}`,
      `SUMMARY:${escapeText(activity.title)}`,
      `DESCRIPTION:${escapeText(activity.description ?? "")}`,
      `LOCATION:${escapeText(location)}`,
      `URL:${activity.url}`,
      "END:VEVENT",
    );
  });
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
