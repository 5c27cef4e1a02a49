import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/infra/auth.server.ts";
import { useLocale, useT } from "#app/infra/i18n/use-t.ts";
import { formatDateTime } from "#app/infra/i18n/i18n.ts";
import { isMailboxMode, listStoredMail } from "#app/modules/mail/mail.server.ts";
import { notFound } from "#app/infra/http.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.mailbox");

/** Mail that would have gone out, for development and demos; gone when real SMTP is configured. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  if (!isMailboxMode()) throw notFound();
  return {
    mails: listStoredMail(100).map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      text: m.text,
      toParticipant: m.toParticipant,
      at: m.createdAt.toISOString(),
    })),
  };
}

export default function DevMailbox() {
  const { mails } = useLoaderData<typeof loader>();
  const t = useT();
  // Times in the page's language, by our own pattern (the browser's Intl differs from the server's).
  const locale = useLocale();
  return (
    <section>
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("admin.mailbox")}</h1>
      <p className="notice">{t("admin.mailbox.intro")}</p>
      {mails.length === 0 ? <p>{t("admin.mailbox.empty")}</p> : null}
      {mails.map((m) => (
        <article key={m.id} className="panel">
          <h2>{m.subject}</h2>
          <p className="meta">
            {t("admin.mailbox.to")}: {m.toParticipant ? t("admin.mailbox.participant") : m.to} ·{" "}
            {formatDateTime(m.at, locale)}
          </p>
          {m.toParticipant ? (
            <p>{t("admin.mailbox.participantHidden")}</p>
          ) : (
            <pre style={{ whiteSpace: "pre-wrap" }}>{m.text}</pre>
          )}
        </article>
      ))}
    </section>
  );
}
