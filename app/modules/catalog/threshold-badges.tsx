import { THRESHOLD_FLAGS, type Threshold, type ThresholdFlag } from "../common/common-values.ts";
import { useT } from "#app/infra/i18n/use-t.ts";

/** Simple line icons; the text next to them carries the meaning. */
const ICONS: Record<ThresholdFlag, string> = {
  dropIn: "M4 12h12M12 6l6 6-6 6",
  free: "M12 3v18M7 7h7a3 3 0 010 6H9a3 3 0 000 6h8",
  noRegistration: "M5 5l14 14M8 4h8v4M6 20V9",
  plainLanguage: "M4 6h16M4 12h10M4 18h7",
  accessible: "M12 5a1.5 1.5 0 110-.01M8 9h8M12 9v5l-3 6M12 14l3 6",
  substanceFree: "M6 4h12l-2 16H8L6 4zM4 4l16 16",
  bringAFriend: "M8 8a3 3 0 110-.01M16 8a3 3 0 110-.01M3 20c0-4 10-4 10 0M11 20c0-4 10-4 10 0",
  online: "M3 6h18v10H3zM8 20h8M12 16v4",
};

/**
 * Each icon's inside as finished markup: a catalog page shows about fifty of
 * them, and React rendered each path's attributes again every time (issue
 * #15). Constant strings of our own, never user input.
 */
const ICON_MARKUP = Object.fromEntries(
  Object.entries(ICONS).map(([flag, d]) => [
    flag,
    {
      __html: `<path d="${d}" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"></path>`,
    },
  ]),
) as Record<ThresholdFlag, { __html: string }>;

export function ThresholdIcon({ flag }: { flag: ThresholdFlag }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
      dangerouslySetInnerHTML={ICON_MARKUP[flag]}
    />
  );
}

export function ThresholdBadges({ threshold, limit }: { threshold: Threshold; limit?: number }) {
  const t = useT();
  const flags = THRESHOLD_FLAGS.filter((f) => threshold[f]);
  if (flags.length === 0) return null;
  return (
    <ul className="badges">
      {flags.slice(0, limit ?? flags.length).map((f) => (
        <li key={f} className="badge">
          <ThresholdIcon flag={f} />
          <span>{t(`threshold.${f}`)}</span>
        </li>
      ))}
    </ul>
  );
}
