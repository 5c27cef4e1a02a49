import type { LoaderFunctionArgs } from "@remix-run/node";
import { refParamOrNotFound } from "#app/modules/common/common-schema.ts";
import { organizationCalendar } from "#app/modules/calendar/calendar.server.ts";
import { langOfSearch } from "#app/infra/i18n/addresses.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { calendarResponse, plainTextResponse } from "#app/infra/http-cache.server.ts";
import { allowPublicCaching } from "#app/infra/page-cache.server.ts";

/** A subscribable iCalendar feed of one organization's weekly activities. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ref = refParamOrNotFound(params.ref);
  const lang = langOfSearch(new URL(request.url).searchParams) ?? "fi";
  const calendar = organizationCalendar(ref, lang);
  if (!calendar.found) {
    return plainTextResponse(translator(lang)("calendar.notFound"), 404);
  }
  allowPublicCaching(context);
  return calendarResponse(request, calendar.body);
}
