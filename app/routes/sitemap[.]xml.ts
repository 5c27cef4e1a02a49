import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "#app/infra/http-cache.server.ts";
import { allowPublicCaching } from "#app/infra/page-cache.server.ts";
import { sitemapIndexXml } from "#app/modules/findability/sitemap.server.ts";

/** The sitemap index: one file of general pages and the activities' files. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  allowPublicCaching(context);
  return cacheableResponse(request, sitemapIndexXml(), {
    contentType: "application/xml; charset=utf-8",
    maxAgeSeconds: 600,
  });
}
