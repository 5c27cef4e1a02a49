import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "#app/infra/http-cache.server.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { allowPublicCaching } from "#app/infra/page-cache.server.ts";
import { answerHsdsRequest } from "#app/modules/open-data/hsds.server.ts";

/** Open data: the read-only HSDS 3.0 API (docs/hsds.md). Public, for any site to read. */
const OPEN_TO_ALL = { "Access-Control-Allow-Origin": "*" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const answer = answerHsdsRequest(params["*"] ?? "", new URL(request.url).searchParams);
  if (answer.status !== 200)
    return jsonResponse(answer.body, { status: answer.status, headers: OPEN_TO_ALL });
  allowPublicCaching(context);
  return cacheableResponse(request, JSON.stringify(answer.body), {
    contentType: "application/json; charset=utf-8",
    maxAgeSeconds: 60,
    headers: OPEN_TO_ALL,
  });
}
