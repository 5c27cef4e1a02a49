import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/infra/auth.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { getOrganization } from "#app/modules/organizations/organizations.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const org = user.organizationId ? getOrganization(user.organizationId) : undefined;
  return { displayName: user.displayName, role: user.role, organization: org?.name ?? null };
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <h1>{t("dashboard.welcome", { name: data.displayName })}</h1>
      <p>
        {t("dashboard.role", { role: t(`role.${data.role}`) })}
        {data.organization ? ` · ${data.organization}` : ""}
      </p>
    </section>
  );
}
