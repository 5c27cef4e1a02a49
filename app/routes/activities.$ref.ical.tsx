import type { LoaderFunctionArgs } from "@remix-run/node";
import { RefSchema } from "#app/modules/common/common-schema.ts";
import { getActivityByRef } from "#app/modules/catalog/catalog.server.ts";
import { buildIcal } from "#app/modules/catalog/ical.ts";
import { notFound } from "#app/infra/http.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ref = RefSchema.safeParse(params.ref);
  if (!ref.success) throw notFound();
  const activity = getActivityByRef(ref.data);
  if (!activity || activity.status === "closed") throw notFound();
  const url = new URL(`/activities/${encodeURIComponent(activity.ref)}`, request.url).toString();
  const body = buildIcal({ ...activity, url });
  const filename = activity.ref.replace(/[^A-Za-z0-9_-]/g, "_");
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}.ics"`,
    },
  });
}
