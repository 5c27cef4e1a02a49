import { Form } from "@remix-run/react";
import { usePagePath } from "#app/components/page-path.ts";
import { FieldError } from "#app/components/field-error.tsx";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { formatDate, languageName, type MessageKey } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import type { ThresholdFlag, WeeklyWindow } from "../common/common-schema.ts";
import type { AgeGroup } from "../reports/reports-schema.ts";

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
  participant: {
    nickname: string | null;
    languages: string[];
    needs: ThresholdFlag[];
    ageGroup: AgeGroup;
    interests: string[];
    schedule: WeeklyWindow[];
  };
  fromOrganization: string;
  senderName: string | null;
};

export type ReferralActionData =
  | { done: "accepted" | "declined"; referralId: number }
  | { error: string; referralId?: number; fieldErrors?: Record<string, string> };

/**
 * Incoming requests with accept/decline forms: what a receiver needs to
 * decide (age group, languages, interests, wanted times, needs, the
 * worker's message) and nothing more. Waiting ones first, answered ones
 * after under their own heading. `showTarget`: say which activity or pilot
 * each is for (staff receive for several; a pilot only for themself).
 */
export function IncomingReferrals({
  referrals,
  actionData,
  showTarget = true,
}: {
  referrals: IncomingReferralView[];
  actionData?: ReferralActionData;
  showTarget?: boolean;
}) {
  const t = useT();
  const open = referrals.filter((r) => r.status === "sent");
  const earlier = referrals.filter((r) => r.status !== "sent");
  const card = (r: IncomingReferralView) => (
    <ReferralCard key={r.id} r={r} actionData={actionData} showTarget={showTarget} />
  );
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
      {open.length === 0 ? <p>{t("referrals.none")}</p> : null}
      <ul className="request-cards">{open.map(card)}</ul>
      {earlier.length > 0 ? (
        <>
          <h3>{t("referrals.earlierTitle")}</h3>
          <ul className="request-cards">{earlier.map(card)}</ul>
        </>
      ) : null}
    </section>
  );
}

function ReferralCard({
  r,
  actionData,
  showTarget,
}: {
  r: IncomingReferralView;
  actionData?: ReferralActionData;
  showTarget: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const pagePath = usePagePath();
  const target = r.target.type === "activity" ? r.target.title : r.target.displayName;
  const used = r.target.type === "activity" ? r.target.enrolled : r.target.activeMentees;
  const errors =
    actionData && "fieldErrors" in actionData && actionData.referralId === r.id
      ? (actionData.fieldErrors ?? {})
      : {};
  const msgId = `reply-${r.id}`;
  const from = [r.senderName, r.fromOrganization].filter(Boolean).join(", ");
  const p = r.participant;
  const accepted = r.status === "accepted";
  // Said plainly: the name comes with accepting, or the person gave none.
  const nameNote = accepted
    ? p.nickname
      ? null
      : t("referrals.noName")
    : r.status === "sent"
      ? t("referrals.nameAfterAccept")
      : null;
  return (
    <li className="card request-card" aria-labelledby={`request-${r.id}`}>
      <h3 id={`request-${r.id}`}>
        {accepted && p.nickname ? p.nickname : t("referrals.requestFrom", { from })}
      </h3>
      <p className="meta">
        {showTarget ? (
          <>
            <strong>
              {t("referrals.to")}: {target}
            </strong>
            {" · "}
          </>
        ) : null}
        {t(`referrals.status.${r.status}`)} ·{" "}
        {t("referrals.sentOn", { date: formatDate(new Date(r.createdAt), lang) })}
        {r.status === "sent"
          ? ` · ${t("referrals.expiresOn", { date: formatDate(new Date(r.expiresAt), lang) })}`
          : ""}
        {r.target.capacity != null
          ? ` · ${t("referrals.places", { used, capacity: r.target.capacity })}`
          : ""}
      </p>
      <dl className="request-facts">
        <div>
          <dt>{t("referrals.age")}</dt>
          <dd>{t(`reports.age.${p.ageGroup}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t("referrals.languages")}</dt>
          <dd>{p.languages.map((l) => languageName(l, lang)).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("referrals.interests")}</dt>
          <dd>{p.interests.length > 0 ? p.interests.join(", ") : "–"}</dd>
        </div>
        <div>
          <dt>{t("referrals.times")}</dt>
          <dd>
            {p.schedule.length > 0 ? (
              <ScheduleText schedule={p.schedule} />
            ) : (
              t("referrals.noTimes")
            )}
          </dd>
        </div>
        <div>
          <dt>{t("referrals.needs")}</dt>
          <dd>
            {p.needs.length > 0
              ? p.needs.map((n) => t(`threshold.${n}`)).join(", ")
              : t("referrals.noNeeds")}
          </dd>
        </div>
        {accepted && p.nickname ? (
          <div>
            <dt>{t("referrals.from")}</dt>
            <dd>{from}</dd>
          </div>
        ) : null}
      </dl>
      {r.message ? (
        <figure className="request-message">
          <figcaption>{t("referrals.message")}</figcaption>
          <blockquote>{r.message}</blockquote>
        </figure>
      ) : null}
      {nameNote ? <p className="meta">{nameNote}</p> : null}
      {r.status === "sent" ? (
        <Form method="post" action={pagePath} className="stack">
          <input type="hidden" name="referralId" value={r.id} />
          <div className="field">
            <label htmlFor={msgId}>{t("referrals.replyMessage")}</label>
            <textarea
              id={msgId}
              name="message"
              maxLength={1000}
              rows={2}
              aria-invalid={errors.message ? true : undefined}
              aria-describedby={errors.message ? `${msgId}-error` : undefined}
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
