import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FieldError } from "#app/components/field-error.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { refParamOrNotFound } from "#app/modules/common/common-schema.ts";
import {
  eraseParticipant,
  findParticipantForPrivacy,
} from "#app/modules/privacy/privacy.server.ts";

export const meta: MetaFunction = () => [{ title: "Poista tiedot – Luotsi" }];

const EraseFormSchema = z.object({ confirm: z.string().trim().max(100) });

async function requireWorker(request: Request) {
  const user = await requireRole(request, ["worker"]);
  return {
    kind: "user" as const,
    userId: user.id,
    role: user.role,
    organizationId: user.organizationId,
  };
}

/** Shows only the ref: the confirmation page reads nothing else of the record. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireWorker(request);
  const p = findParticipantForPrivacy(actor, refParamOrNotFound(params.ref));
  if (!p) throw new Response("Not found", { status: 404 });
  return { ref: p.ref };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireWorker(request);
  const ref = refParamOrNotFound(params.ref);
  if (!findParticipantForPrivacy(actor, ref)) throw new Response("Not found", { status: 404 });
  const form = EraseFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success || form.data.confirm !== ref) {
    return Response.json({ fieldErrors: { confirm: "erase.confirmMismatch" } }, { status: 400 });
  }
  if (!(await eraseParticipant(actor, ref, { context: "screen:privacy.erase" })))
    throw new Response("Not found", { status: 404 });
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
        <div className="field">
          <label htmlFor="confirm">{t("erase.confirmLabel", { ref })}</label>
          <input
            id="confirm"
            name="confirm"
            type="text"
            autoComplete="off"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "confirm-error" : undefined}
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
