import { jsonResponse } from "#app/infra/http.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { ReferralResponseFormSchema } from "./referral-schema.ts";
import { acceptReferral, declineReferral, type ActingUser } from "./referrals.server.ts";

const STATUS: Record<string, number> = {
  "not-found": 404,
  "not-open": 409,
  expired: 409,
  full: 409,
};

/** The accept/decline form's action, shared by /staff and /pilot. */
export async function respondToReferralForm(user: ActingUser, form: FormData) {
  const parsed = parseWith(ReferralResponseFormSchema, Object.fromEntries(form));
  if (!parsed.ok) {
    const referralId = Number(form.get("referralId")) || undefined;
    return jsonResponse({ error: "invalid", referralId, fieldErrors: parsed.fieldErrors }, 400);
  }
  const { intent, referralId, message } = parsed.data;
  const result =
    intent === "accept"
      ? await acceptReferral(user, referralId, message)
      : await declineReferral(user, referralId, message);
  if (!result.ok)
    return jsonResponse({ error: result.error, referralId }, STATUS[result.error] ?? 400);
  return jsonResponse({ done: result.status, referralId });
}
