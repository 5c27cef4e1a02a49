import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "#app/infra/http-cache.server.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import { robotsTxt } from "#app/modules/findability/robots.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  return cacheableResponse(request, robotsTxt(absoluteUrl("/sitemap.xml")), {
    contentType: "text/plain; charset=utf-8",
    maxAgeSeconds: 3600,
  });
}
