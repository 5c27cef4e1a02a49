import { Form } from "@remix-run/react";
import { usePagePath } from "#app/components/page-path.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { useLocale, useT } from "#app/infra/i18n/use-t.ts";

/** The end of a consent line: when it was withdrawn, or a button to withdraw it (the page's action handles `withdrawConsent`). */
export function ConsentState({
  consent,
}: {
  consent: { id: number; withdrawnAt: string | Date | null };
}) {
  const t = useT();
  const pagePath = usePagePath();
  const locale = useLocale();
  if (consent.withdrawnAt) {
    return (
      <>
        {" "}
        ·{" "}
        {t("participants.consent.withdrawnOn", {
          date: formatDate(new Date(consent.withdrawnAt), locale),
        })}
      </>
    );
  }
  return (
    <Form method="post" action={pagePath} className="inline-form">
      <input type="hidden" name="intent" value="withdrawConsent" />
      <input type="hidden" name="consentId" value={consent.id} />{" "}
      <button type="submit" className="link-button">
        {t("participants.consent.withdraw")}
      </button>
    </Form>
  );
}
