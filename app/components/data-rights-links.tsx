import type { ReactNode } from "react";
import { useT } from "#app/infra/i18n/use-t.ts";

/** The export of everything held on a participant (JSON and a readable page), plus the screen's own links. */
export function DataRightsLinks({
  participantRef,
  children,
}: {
  participantRef: string;
  children?: ReactNode;
}) {
  const t = useT();
  const ref = encodeURIComponent(participantRef);
  return (
    <ul className="actions">
      <li>
        <a href={`/privacy/export/${ref}?format=json`}>{t("dataRights.exportJson")}</a>
      </li>
      <li>
        <a href={`/privacy/export/${ref}?format=html`}>{t("dataRights.exportHtml")}</a>
      </li>
      {children}
    </ul>
  );
}
