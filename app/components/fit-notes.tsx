import { useT } from "#app/infra/i18n/use-t.ts";

/** What fits and what does not, in plain words; the marks are for the eye, the words for screen readers. */
export function FitNotes({ notes }: { notes: { ok: boolean; text: string }[] }) {
  const t = useT();
  return (
    <ul className="fit-notes">
      {notes.map((n) => (
        <li key={n.text}>
          <span aria-hidden="true">{n.ok ? "✓ " : "✗ "}</span>
          <span className="visually-hidden">
            {n.ok ? t("participants.fits") : t("participants.doesNotFit")}:{" "}
          </span>
          {n.text}
        </li>
      ))}
    </ul>
  );
}
