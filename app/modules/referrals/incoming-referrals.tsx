import { Form } from "@remix-run/react";
import { usePagePath } from "#app/components/page-path.ts";
import { describedBy } from "#app/components/error-summary.tsx";
import { FieldError } from "#app/components/field-error.tsx";
import { formatDate, languageName } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import type { ThresholdFlag } from "../common/common-schema.ts";

/** The shape loaders send to the page (dates as ISO strings after serialization). */
export type IncomingReferralView = {
  id: number;
  status: "sent" | "accepted" | "declined" | "withdrawn" | "expired";
  createdAt: string;
  expiresAt: string;
  message: string | null;
  responseMessage: string | null;
  target:
    | { type: "activity"; ref: string; title: string; capacity: number | null; enrolled: number }
    | { type: "pilot"; ref: string; displayName: string; capacity: number; activeMentees: number };
  participant: { nickname: string | null; languages: string[]; needs: ThresholdFlag[] };
  fromOrganization: string;
  senderName: string | null;
};

export type ReferralActionData =
  | { done: "accepted" | "declined"; referralId: number }
  | { error: string; referralId?: number; fieldErrors?: Record<string, string> };

/** Incoming requests with accept/decline forms: what a receiver may know, nothing more. */
export function IncomingReferrals({
  referrals,
  actionData,
}: {
  referrals: IncomingReferralView[];
  actionData?: ReferralActionData;
}) {
  const t = useT();
  const pagePath = usePagePath();
  const lang = useLang();
  return (
    <section aria-labelledby="incoming-title">
      <h2 id="incoming-title">{t("referrals.title")}</h2>
      {actionData && "done" in actionData ? (
        <p className="success" role="status">
          {t(actionData.done === "accepted" ? "referrals.accepted" : "referrals.declined")}
        </p>
      ) : null}
      {actionData && "error" in actionData && !actionData.fieldErrors ? (
        <p className="form-error" role="alert">
          {t(`referrals.error.${actionData.error}` as "referrals.error.not-found")}
        </p>
      ) : null}
      {referrals.length === 0 ? <p>{t("referrals.none")}</p> : null}
      <ul className="cards">
        {referrals.map((r) => {
          const target = r.target.type === "activity" ? r.target.title : r.target.displayName;
          const used = r.target.type === "activity" ? r.target.enrolled : r.target.activeMentees;
          const errors =
            actionData && "fieldErrors" in actionData && actionData.referralId === r.id
              ? (actionData.fieldErrors ?? {})
              : {};
          const msgId = `reply-${r.id}`;
          return (
            <li key={r.id} className="card" aria-label={`${t("referrals.to")}: ${target}`}>
              <h3>{target}</h3>
              <p className="meta">
                {t(`referrals.status.${r.status}`)} ·{" "}
                {t("referrals.sentOn", { date: formatDate(new Date(r.createdAt), lang) })}
                {r.status === "sent"
                  ? ` · ${t("referrals.expiresOn", { date: formatDate(new Date(r.expiresAt), lang) })}`
                  : ""}
              </p>
              {r.target.capacity != null ? (
                <p className="meta">
                  {t("referrals.places", { used, capacity: r.target.capacity })}
                </p>
              ) : null}
              <dl className="facts">
                <div>
                  <dt>{t("referrals.participant")}</dt>
                  <dd>{r.participant.nickname ?? t("referrals.noNickname")}</dd>
                </div>
                <div>
                  <dt>{t("referrals.languages")}</dt>
                  <dd>{r.participant.languages.map((l) => languageName(l, lang)).join(", ")}</dd>
                </div>
                <div>
                  <dt>{t("referrals.needs")}</dt>
                  <dd>
                    {r.participant.needs.length > 0
                      ? r.participant.needs.map((n) => t(`threshold.${n}`)).join(", ")
                      : t("referrals.noNeeds")}
                  </dd>
                </div>
                <div>
                  <dt>{t("referrals.from")}</dt>
                  <dd>{[r.senderName, r.fromOrganization].filter(Boolean).join(", ")}</dd>
                </div>
                {r.message ? (
                  <div>
                    <dt>{t("referrals.message")}</dt>
                    <dd>{r.message}</dd>
                  </div>
                ) : null}
              </dl>
              {r.status === "sent" ? (
                <Form method="post" action={pagePath} className="stack">
                  <input type="hidden" name="referralId" value={r.id} />
                  <div className="field">
                    <label htmlFor={msgId}>{t("referrals.replyMessage")}</label>
                    <textarea
                      id={msgId}
                      name="message"
                      maxLength={1000}
                      {...describedBy(`${msgId}`, { error: errors.message })}
                    />
                    <FieldError id={`${msgId}-error`} message={errors.message} />
                  </div>
                  <div className="actions">
                    <button type="submit" name="intent" value="accept" className="button primary">
                      {t("referrals.accept")}
                    </button>
                    <button type="submit" name="intent" value="decline" className="button">
                      {t("referrals.decline")}
                    </button>
                  </div>
                </Form>
              ) : r.responseMessage ? (
                <p>{r.responseMessage}</p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Dates to ISO strings, so the loader's data is what the component expects. */
export function toReferralView(r: {
  id: number;
  status: IncomingReferralView["status"];
  createdAt: Date;
  expiresAt: Date;
  message: string | null;
  responseMessage: string | null;
  target: IncomingReferralView["target"];
  participant: IncomingReferralView["participant"];
  fromOrganization: string;
  senderName: string | null;
}): IncomingReferralView {
  return {
    id: r.id,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    message: r.message,
    responseMessage: r.responseMessage,
    target:
      r.target.type === "activity"
        ? {
            type: "activity",
            ref: r.target.ref,
            title: r.target.title,
            capacity: r.target.capacity,
            enrolled: r.target.enrolled,
          }
        : {
            type: "pilot",
            ref: r.target.ref,
            displayName: r.target.displayName,
            capacity: r.target.capacity,
            activeMentees: r.target.activeMentees,
          },
    participant: r.participant,
    fromOrganization: r.fromOrganization,
    senderName: r.senderName,
  };
}
