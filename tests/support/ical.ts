import ICAL from "ical.js";

// ical.js knows RFC 5545 but not RFC 7986's calendar properties; teach it their value types.
const properties = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
properties["name"] ??= { defaultType: "text" };
properties["x-wr-calname"] ??= { defaultType: "text" };
properties["source"] ??= { defaultType: "uri" };
properties["refresh-interval"] ??= { defaultType: "duration" };

export type ParsedEvent = {
  uid: string;
  summary: string;
  description: string;
  location: string;
  status: string | null;
  rrule: string | null;
  tzid: string | null;
  /** DTSTART as an instant. */
  start: Date;
  end: Date;
  /** The next `count` starts on or after `from`, expanded by ical.js's own recurrence engine. */
  startsFrom: (from: Date, count: number) => Date[];
};

/**
 * Parses an iCalendar text with ical.js (an independent parser, not the
 * library that wrote it), registering the file's own VTIMEZONEs so that
 * TZID times resolve to the right instants. Throws on malformed input.
 */
export function parseCalendar(text: string): { name: string | null; events: ParsedEvent[] } {
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== "vcalendar") throw new Error(`not a VCALENDAR: ${root.name}`);
  for (const tz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  }
  const events = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const dtstart = component.getFirstProperty("dtstart");
    const rrule = component.getFirstPropertyValue("rrule");
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      status: (component.getFirstPropertyValue("status") as string | null) ?? null,
      rrule: rrule ? rrule.toString() : null,
      tzid: (dtstart?.getParameter("tzid") as string | undefined) ?? null,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      startsFrom(from: Date, count: number) {
        const out: Date[] = [];
        const it = event.iterator();
        for (let next = it.next(); next && out.length < count; next = it.next()) {
          const at = next.toJSDate();
          if (at >= from) out.push(at);
        }
        return out;
      },
    };
  });
  return {
    name: (root.getFirstPropertyValue("name") as string | null) ?? null,
    events,
  };
}
