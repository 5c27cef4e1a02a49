import type { LoaderFunctionArgs } from "@remix-run/node";
import { langOfSearch } from "#app/infra/i18n/addresses.ts";
import { cacheableResponse } from "#app/infra/http-cache.server.ts";
import { webAppManifest } from "#app/modules/findability/manifest.ts";

/** The web app manifest, in the language its address names (`?lang=sv`), else Finnish. */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = langOfSearch(new URL(request.url).searchParams) ?? "fi";
  return cacheableResponse(request, JSON.stringify(webAppManifest(lang)), {
    contentType: "application/manifest+json; charset=utf-8",
    maxAgeSeconds: 86400,
  });
}
