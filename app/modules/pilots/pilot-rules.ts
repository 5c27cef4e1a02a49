/**
 * A pilot's availability, in one place: accepting new mentees and with a
 * free place. The pilot's own switch (/pilot) is the only thing that turns
 * `acceptingMentees` on or off for a pilot with an account; the search
 * document's `suggestable`, the matching rulebook and referrals read this.
 */
export function isPilotAvailable(p: {
  acceptingMentees: boolean;
  activeMentees: number;
  capacity: number;
}) {
  return p.acceptingMentees && p.activeMentees < p.capacity;
}

export function menteePlacesLeft(p: { activeMentees: number; capacity: number }) {
  return Math.max(0, p.capacity - p.activeMentees);
}
