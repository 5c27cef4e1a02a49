import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { describedBy, ErrorSummary } from "#app/components/error-summary.tsx";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FieldError } from "#app/components/field-error.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { jsonResponse, notFound, orNotFound } from "#app/infra/http.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import {
  eraseParticipant,
  findParticipantForPrivacy,
} from "#app/modules/privacy/privacy.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.erase");

const EraseFormSchema = z.object({ confirm: z.string().trim().max(100) });

async function requireWorker(request: Request) {
  const user = await requireRole(request, ["worker"]);
  return actorOf(user);
}

/** Shows only the ref: the confirmation page reads nothing else of the record. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireWorker(request);
  const p = findParticipantForPrivacy(actor, orNotFound(parseRef(params.ref)));
  if (!p) throw notFound();
  return { ref: p.ref };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireWorker(request);
  const ref = orNotFound(parseRef(params.ref));
  if (!findParticipantForPrivacy(actor, ref)) throw notFound();
  const form = EraseFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success || form.data.confirm !== ref) {
    return jsonResponse({ fieldErrors: { confirm: "erase.confirmMismatch" } }, 400);
  }
  if (!(await eraseParticipant(actor, ref, { context: "screen:privacy.erase" }))) throw notFound();
  return redirect("/worker?erased=1");
}

export default function ErasePage() {
  const { ref } = useLoaderData<typeof loader>();
  const data = useActionData<{ fieldErrors: Record<string, string> }>();
  const t = useT();
  const error = data?.fieldErrors.confirm;
  const exportUrl = `/privacy/export/${encodeURIComponent(ref)}`;
  return (
    <section className="narrow">
      <h1>{t("erase.title", { ref })}</h1>
      <p>{t("erase.intro")}</p>
      <p>
        {t("erase.exportFirst")} <a href={`${exportUrl}?format=json`}>{t("erase.exportJson")}</a>
        {" · "}
        <a href={`${exportUrl}?format=html`}>{t("erase.exportHtml")}</a>
      </p>
      <Form method="post" className="stack" noValidate>
        <ErrorSummary errors={data?.fieldErrors} />
        <div className="field">
          <label htmlFor="confirm">{t("erase.confirmLabel", { ref })}</label>
          <input
            id="confirm"
            name="confirm"
            type="text"
            autoComplete="off"
            required
            {...describedBy("confirm", { error: error })}
          />
          <FieldError id="confirm-error" message={error} />
        </div>
        <button type="submit" className="button danger">
          {t("erase.submit")}
        </button>{" "}
        <Link to={`/participants/${encodeURIComponent(ref)}`}>{t("erase.cancel")}</Link>
      </Form>
    </section>
  );
}
