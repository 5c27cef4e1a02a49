import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getEnv } from "#app/infra/env.server.ts";
import type { MessageKey } from "#app/infra/i18n/i18n.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction<typeof loader> = pageMeta("privacy.title");

export async function loader(_args: LoaderFunctionArgs) {
  return { retentionDays: getEnv().RETENTION_DAYS };
}

const SECTIONS = ["controller", "what", "who", "rights", "retention", "security"] as const;

export default function PrivacyPage() {
  const { retentionDays } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="narrow prose">
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.intro")}</p>
      {SECTIONS.map((s) => (
        <section key={s} aria-labelledby={`privacy-${s}`}>
          <h2 id={`privacy-${s}`}>{t(`privacy.${s}.title` as MessageKey)}</h2>
          <p>{t(`privacy.${s}.body` as MessageKey, { days: retentionDays })}</p>
        </section>
      ))}
      <p>{t("privacy.complaint")}</p>
    </article>
  );
}
