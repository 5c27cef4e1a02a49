import type { LoaderFunctionArgs } from "@remix-run/node";
import { absoluteUrl, attachmentHeader } from "#app/infra/http.server.ts";
import { RefSchema } from "#app/modules/common/common-schema.ts";
import { getActivityByRef } from "#app/modules/catalog/catalog.server.ts";
import { buildIcal } from "#app/modules/catalog/ical.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const ref = RefSchema.safeParse(params.ref);
  if (!ref.success) throw new Response("Bad activity reference", { status: 400 });
  const activity = getActivityByRef(ref.data);
  if (!activity || activity.status === "closed") throw new Response("Not found", { status: 404 });
  // From PUBLIC_URL, never the request's Host.
  const url = absoluteUrl(`/activities/${encodeURIComponent(activity.ref)}`);
  const body = buildIcal({ ...activity, url });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": attachmentHeader(`${activity.ref}.ics`),
    },
  });
}
