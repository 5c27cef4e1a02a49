import { NavLink } from "@remix-run/react";
import { useT } from "#app/infra/i18n/use-t.ts";

/**
 * The participant page's local navigation: the summary, then each part on a
 * page of its own (nested routes, and the path and self-assessment pages
 * that have layouts of their own), so the worker always sees where they are.
 */
export function ParticipantNav({ participantRef }: { participantRef: string }) {
  const t = useT();
  const base = `/participants/${encodeURIComponent(participantRef)}`;
  const sections = [
    { to: base, label: t("participants.nav.summary"), end: true },
    { to: `${base}/profile`, label: t("participants.facts") },
    { to: `${base}/suggestions`, label: t("participants.suggestions") },
    { to: `${base}/shortlist`, label: t("participants.shortlist") },
    { to: `${base}/referrals`, label: t("participants.referralsTab") },
    { to: `${base}/path`, label: t("participants.nav.path") },
    { to: `${base}/privacy`, label: t("participants.nav.privacy") },
  ];
  return (
    <nav aria-label={t("participants.sections")} className="local-nav">
      <ul>
        {sections.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} end={s.end}>
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
