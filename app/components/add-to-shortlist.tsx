/**
 * The one "add to the shortlist" button (suggestion cards, browsing the
 * catalog together): a short visible label, named with the thing it adds
 * (the visible words first, WCAG 2.5.3), so a list of cards does not read as
 * ten equal buttons and the button does not wrap the whole title onto two lines.
 */
export function AddToShortlistButton({ label, title }: { label: string; title: string }) {
  return (
    <button type="submit" className="button add-to-list" aria-label={`${label}: ${title}`}>
      {label}
    </button>
  );
}
