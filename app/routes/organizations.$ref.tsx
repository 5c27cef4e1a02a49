import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { excerpt, openGraphMeta } from "#app/components/open-graph.ts";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { pageAddresses } from "#app/infra/i18n/addresses.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { useLocalizedPath } from "#app/infra/i18n/use-localized-path.ts";
import { langOfMatches, pageTitle } from "#app/infra/i18n/meta.ts";
import { useNonce } from "#app/infra/nonce.tsx";
import { allowPublicCaching, isAnonymousCookieHeader } from "#app/infra/page-cache.server.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { orNotFound } from "#app/infra/http.server.ts";
import { publicOrganizationPage } from "#app/modules/organizations/public-organization.server.ts";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ref = orNotFound(parseRef(params.ref));
  const lang = getLang(request);
  const page = publicOrganizationPage(ref, lang);
  if (!page) throw new Response("Not found", { status: 404 });
  if (isAnonymousCookieHeader(request.headers.get("Cookie"))) allowPublicCaching(context);
  return {
    ...page,
    lang,
    title: translator(lang)("organization.title", { name: page.organization.name }),
    addresses: pageAddresses(request, lang),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [pageTitle(langOfMatches(matches), "title.organization")];
  const description = excerpt(data.organization.description, 160);
  return [
    { title: data.title },
    { name: "description", content: description },
    ...openGraphMeta({
      title: data.organization.name,
      description,
      image: data.image,
      imageAlt: "Luotsi",
      lang: data.lang,
      addresses: data.addresses,
    }),
  ];
};

export default function OrganizationPage() {
  const { organization: org, activities, calendar, jsonLd } = useLoaderData<typeof loader>();
  const t = useT();
  const localized = useLocalizedPath();
  const nonce = useNonce();
  return (
    <article className="organization">
      <script
        type="application/ld+json"
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: jsonLd }}
      />
      <p>
        <Link to={localized("/")}>← {t("activity.back")}</Link>
      </p>
      <h1>{org.name}</h1>
      {org.description ? <p className="lead">{org.description}</p> : null}
      <dl className="facts">
        <div>
          <dt>{t("organization.municipality")}</dt>
          <dd>{org.municipality}</dd>
        </div>
        {org.website ? (
          <div>
            <dt>{t("organization.website")}</dt>
            <dd>
              <a href={org.website} rel="noopener noreferrer">
                {org.website.replace(/^https?:\/\//, "")}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="activities-heading">
        <h2 id="activities-heading">{t("organization.activities")}</h2>
        {activities.length === 0 ? (
          <p>{t("organization.noActivities")}</p>
        ) : (
          <ul className="link-list">
            {activities.map((a) => (
              <li key={a.ref}>
                <Link to={localized(`/activities/${encodeURIComponent(a.ref)}`)}>
                  <strong>{a.title}</strong>
                  <span className="meta">
                    {" "}
                    · {t(`kind.${a.kind}`)} ·{" "}
                    {/* The organization's own municipality goes without saying. */}
                    {a.municipality !== org.municipality ? `${a.municipality} · ` : null}
                    <ScheduleText schedule={a.schedule} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <a className="button" href={calendar}>
          {t("organization.subscribe")}
        </a>
      </p>
      <p>
        <Link to={`/join/pilot?organization=${encodeURIComponent(org.ref)}`}>
          {t("join.pilot.link")}
        </Link>
      </p>
    </article>
  );
}
