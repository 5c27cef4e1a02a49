import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "#app/infra/auth.server.ts";
import { attachmentHeader, jsonResponse } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { refParamOrNotFound } from "#app/modules/common/common-schema.ts";
import { renderExportHtml } from "#app/modules/privacy/export-html.ts";
import { exportParticipantData } from "#app/modules/privacy/privacy.server.ts";

const ExportQuerySchema = z.object({ format: z.enum(["json", "html"]).default("json") });

/**
 * A participant's data export (GDPR Art. 15 and 20) for the organization's
 * worker or the participant themself: JSON or a readable HTML page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = ExportQuerySchema.safeParse({
    format: new URL(request.url).searchParams.get("format") ?? undefined,
  });
  if (!query.success) return jsonResponse({ fieldErrors: { format: "json or html" } }, 400);
  const ref = refParamOrNotFound(params.ref);
  const actor = {
    kind: "user" as const,
    userId: user.id,
    role: user.role,
    organizationId: user.organizationId,
  };
  const data = exportParticipantData(actor, ref, {
    context: `export:privacy.${query.data.format}`,
  });
  if (!data) throw new Response("Not found", { status: 404 });
  const headers = {
    "Cache-Control": "private, no-store",
    "Content-Disposition": attachmentHeader(`luotsi-${data.participant.ref}.${query.data.format}`),
  };
  if (query.data.format === "html") {
    return new Response(renderExportHtml(data, getLang(request)), {
      headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
    });
  }
  return jsonResponse(data, { headers });
}
