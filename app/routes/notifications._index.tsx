import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { usePagePath } from "#app/components/page-path.ts";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "#app/infra/auth.server.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useLocale, useT } from "#app/infra/i18n/use-t.ts";
import { formatDateTime } from "#app/infra/i18n/i18n.ts";
import {
  listNotifications,
  markNotificationsRead,
  renderNotification,
} from "#app/modules/notifications/notifications.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.notifications");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(getLang(request));
  return {
    notifications: listNotifications(user.id).map((n) => ({
      id: n.id,
      text: renderNotification(n.message, t),
      link: n.link,
      unread: n.readAt == null,
      at: n.createdAt.toISOString(),
    })),
  };
}

const ReadSchema = z.object({
  id: z.union([z.literal("all"), z.coerce.number().int().positive()]),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ReadSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return jsonResponse({ fieldErrors: { id: "invalid" } }, 400);
  markNotificationsRead(user.id, parsed.data.id);
  return jsonResponse({ ok: true });
}

/** Everyone's own notifications; the link may only point inside this site. */
export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const t = useT();
  // Times in the page's language, by our own pattern (the browser's Intl differs from the server's).
  const locale = useLocale();
  const pagePath = usePagePath();
  return (
    <section>
      <h1>{t("notifications.title")}</h1>
      {notifications.some((n) => n.unread) ? (
        <Form method="post" action={pagePath}>
          <input type="hidden" name="id" value="all" />
          <button type="submit" className="button">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p>{t("notifications.none")}</p> : null}
      <ul className="cards">
        {notifications.map((n) => (
          <li key={n.id} className="card">
            <p>
              {n.unread ? <span className="tag warn">{t("notifications.unread")}</span> : null}{" "}
              {n.text}
            </p>
            <p className="meta">{formatDateTime(n.at, locale)}</p>
            {n.link && n.link.startsWith("/") && !n.link.startsWith("//") ? (
              <Link to={n.link}>{t("notifications.open")}</Link>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
