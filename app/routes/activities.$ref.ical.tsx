import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentHeader } from "#app/infra/http.server.ts";
import { refParamOrNotFound } from "#app/modules/common/common-schema.ts";
import { activityCalendar } from "#app/modules/calendar/calendar.server.ts";
import { langOfSearch } from "#app/infra/i18n/addresses.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { calendarResponse, plainTextResponse } from "#app/infra/http-cache.server.ts";
import { allowPublicCaching } from "#app/infra/page-cache.server.ts";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ref = refParamOrNotFound(params.ref);
  // Calendar files name their language in the address only: no Vary on the visitor's headers.
  const lang = langOfSearch(new URL(request.url).searchParams) ?? "fi";
  const calendar = activityCalendar(ref, lang);
  if (!calendar.found) {
    const t = translator(lang);
    const why =
      calendar.reason === "no-fixed-times" ? "calendar.noFixedTimes" : "calendar.notFound";
    return plainTextResponse(t(why), 404, { "Content-Language": lang });
  }
  allowPublicCaching(context);
  return calendarResponse(request, calendar.body, {
    "Content-Disposition": attachmentHeader(calendar.filename),
  });
}
