import { useT } from "#app/infra/i18n/use-t.ts";

/**
 * What fits and what does not, in plain words; the marks are for the eye,
 * the words for screen readers. "no" breaks a hard rule (it does not fit),
 * "mind" is worth a word but rules nothing out (e.g. no common time).
 */
export function FitNotes({ notes }: { notes: { level: "ok" | "mind" | "no"; text: string }[] }) {
  const t = useT();
  const mark = { ok: "✓ ", mind: "! ", no: "✗ " };
  const said = {
    ok: t("participants.fits"),
    mind: t("participants.mind"),
    no: t("participants.doesNotFit"),
  };
  return (
    <ul className="fit-notes">
      {notes.map((n) => (
        <li key={n.text} data-level={n.level}>
          <span aria-hidden="true">{mark[n.level]}</span>
          <span className="visually-hidden">{said[n.level]}: </span>
          {n.text}
        </li>
      ))}
    </ul>
  );
}
