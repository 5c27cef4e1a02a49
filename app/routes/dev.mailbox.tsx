import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/infra/auth.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { isMailboxMode, listStoredMail } from "#app/modules/mail/mail.server.ts";

export const meta: MetaFunction = () => [{ title: "Kehityspostilaatikko – Luotsi" }];

/** Mail that would have gone out, for development and demos; gone when real SMTP is configured. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  if (!isMailboxMode()) throw new Response("Not found", { status: 404 });
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
            {new Date(m.at).toLocaleString("fi-FI", { timeZone: "Europe/Helsinki" })}
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
