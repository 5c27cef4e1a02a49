import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "#app/infra/auth.server.ts";
import { attachmentHeader, jsonResponse } from "#app/infra/http.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import {
  needsCsv,
  needsQueryFrom,
  needsViewFor,
  quarterOf,
} from "#app/modules/needs/needs.server.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";

/** The unmet-interests view as CSV: the same scope and hidden numbers as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff", "admin"]);
  const query = needsQueryFrom(new URL(request.url).searchParams);
  if (!query.ok) return jsonResponse({ fieldErrors: query.fieldErrors }, 400);
  const lang = getLang(request);
  const view = needsViewFor(user, query.data, lang, "csv");
  if (!view) throw new Response("Forbidden", { status: 403 });
  return new Response(needsCsv(view, translator(lang)), {
    headers: {
      "Cache-Control": "private, no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(
        `luotsi-puuttuva-toiminta-${quarterOf(todayInFinland())}.csv`,
      ),
    },
  });
}
