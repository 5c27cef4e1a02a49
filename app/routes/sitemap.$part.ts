import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse, plainTextResponse } from "#app/infra/http-cache.server.ts";
import { allowPublicCaching } from "#app/infra/page-cache.server.ts";
import { sitemapPartXml } from "#app/modules/findability/sitemap.server.ts";

/** One file of the sitemap (`/sitemap/pages`, `/sitemap/activities-1`, …). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const xml = sitemapPartXml((params.part ?? "").slice(0, 40));
  if (!xml) {
    return plainTextResponse("No such sitemap file.", 404);
  }
  allowPublicCaching(context);
  return cacheableResponse(request, xml, {
    contentType: "application/xml; charset=utf-8",
    maxAgeSeconds: 600,
  });
}
