import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { isMeiliUnreachable } from "#app/infra/meili.server.ts";
import { RefSchema } from "#app/modules/common/common-schema.ts";
import { SuggestionsQuerySchema } from "#app/modules/matching/matching-schema.ts";
import { suggestForViewer } from "#app/modules/matching/matching.server.ts";

/** The suggestions API (docs/interfaces.md): the same JSON as `npm run match -- --json`. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireApiUser(request);
  if (user.role !== "worker") return jsonResponse({ error: "workers only" }, 403);
  const ref = RefSchema.safeParse(params.ref);
  if (!ref.success) return jsonResponse({ error: "not found" }, 404);
  const url = new URL(request.url);
  const query = parseWith(SuggestionsQuerySchema, Object.fromEntries(url.searchParams));
  if (!query.ok) return jsonResponse({ fieldErrors: query.fieldErrors }, 400);
  try {
    const suggestions = await suggestForViewer(user, ref.data, {
      ...query.data,
      context: "api:suggestions",
    });
    if (!suggestions) return jsonResponse({ error: "not found" }, 404);
    return jsonResponse(suggestions, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (isMeiliUnreachable(e)) return jsonResponse({ error: "search is unavailable" }, 503);
    throw e;
  }
}
