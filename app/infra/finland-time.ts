/** Finland's calendar, for dates that are Finnish days (path steps, contacts, "today"). */
const DAY_IN_FINLAND = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" });

/** The day an instant falls on in Finland, as YYYY-MM-DD. */
export function dateInFinland(instant: Date | number = new Date()): string {
  return DAY_IN_FINLAND.format(instant);
}
