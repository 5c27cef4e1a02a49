import { translator, type Lang } from "#app/infra/i18n/i18n.ts";
import type { ParticipantExport } from "./privacy.server.ts";

const escape = (value: unknown) =>
  String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

function show(value: unknown): string {
  if (value == null || value === "") return "–";
  if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : "–";
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join("; ");
  return String(value);
}

function table(rows: Record<string, unknown>[], none: string) {
  if (rows.length === 0) return `<p>${escape(none)}</p>`;
  const keys = Object.keys(rows[0]!);
  const head = keys.map((k) => `<th scope="col">${escape(k)}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${keys.map((k) => `<td>${escape(show(r[k]))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The same export as a self-contained, readable HTML page (no scripts, no
 * external resources), for a participant who does not read JSON.
 */
export function renderExportHtml(data: ParticipantExport, lang: Lang): string {
  const t = translator(lang);
  const none = t("export.none");
  const profile = Object.entries(data.participant)
    .map(([k, v]) => `<tr><th scope="row">${escape(k)}</th><td>${escape(show(v))}</td></tr>`)
    .join("\n");
  const sections: [string, Record<string, unknown>[]][] = [
    [t("export.consents"), data.consents],
    [t("export.pathSteps"), data.pathSteps],
    [t("export.referrals"), data.referrals],
    [t("export.shortlist"), data.shortlist],
    [t("export.attendance"), data.attendance],
    [t("export.contacts"), data.contacts],
    [t("export.selfAssessments"), data.selfAssessments],
    [t("export.emails"), data.emails.map((email) => ({ email }))],
    [t("export.invitations"), data.invitations],
    [t("export.mails"), data.mails],
    [t("export.notifications"), data.notifications],
    [t("export.accessLog"), data.accessLog],
  ];
  const title = t("export.title", { ref: data.participant.ref });
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p>${escape(t("export.generated", { date: data.generatedAt.slice(0, 10) }))}</p>
<h2>${escape(t("export.profile"))}</h2>
<table><tbody>${profile}</tbody></table>
${sections.map(([h, rows]) => `<h2>${escape(h)}</h2>\n${table(rows, none)}`).join("\n")}
</body>
</html>
`;
}
