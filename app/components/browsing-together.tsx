import { Form, Link, useLocation } from "@remix-run/react";
import { useT } from "#app/infra/i18n/use-t.ts";
import { AddToShortlistButton } from "./add-to-shortlist.tsx";

/**
 * Browsing the catalog together: while a worker has a participant open, the
 * catalog shows whose list things go to and offers "add" on every activity.
 * Only the participant's pseudonymous ref travels (cookie and form).
 */
type Browsing = { ref: string; self?: boolean } | null | undefined;

export function BrowsingBanner({ browsing }: { browsing: Browsing }) {
  const t = useT();
  if (!browsing || browsing.self) return null;
  const page = `/participants/${encodeURIComponent(browsing.ref)}`;
  return (
    <div className="notice browsing-banner" role="status">
      <p>{t("participants.browsingWith", { ref: browsing.ref })}</p>
      <p>
        <Link to={`${page}/shortlist`}>{t("participants.browsingBack")}</Link>{" "}
        <Form method="post" action={page} className="inline-form">
          <input type="hidden" name="intent" value="stopBrowse" />
          <button type="submit" className="link-button">
            {t("participants.browsingStop")}
          </button>
        </Form>
      </p>
    </div>
  );
}

export function AddToParticipantList({
  browsing,
  activityRef,
  title,
}: {
  browsing: Browsing;
  activityRef: string;
  title: string;
}) {
  const t = useT();
  const location = useLocation();
  if (!browsing) return null;
  // The answer comes back to this card (#added-…): a status beside the button, which takes focus (page-focus.tsx).
  const addedId = `added-${activityRef}`;
  const added = location.hash === `#${addedId}`;
  return (
    <>
      <Form
        method="post"
        action={browsing.self ? "/me" : `/participants/${encodeURIComponent(browsing.ref)}`}
      >
        <input type="hidden" name="intent" value="shortlistAdd" />
        <input type="hidden" name="activityRef" value={activityRef} />
        <input
          type="hidden"
          name="redirectTo"
          value={`${location.pathname}${location.search}#${addedId}`}
        />
        <AddToShortlistButton
          label={t(browsing.self ? "me.addToList" : "participants.addToShortlist")}
          title={title}
        />
      </Form>
      {added ? (
        <p className="success" role="status" id={addedId}>
          {t("catalog.addedToList", { title })}
        </p>
      ) : null}
    </>
  );
}
