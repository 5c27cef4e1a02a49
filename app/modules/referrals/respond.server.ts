import type { FieldErrors } from "#app/infra/forms.ts";
import { parseWith } from "#app/infra/forms.ts";
import type { ActingUser } from "../audit/audit.server.ts";
import { ReferralResponseFormSchema } from "./referral-schema.ts";
import { acceptReferral, declineReferral } from "./referral-answers.server.ts";
import { type ReferralError } from "./referrals.server.ts";

export type ReferralAnswer =
  | { done: "accepted" | "declined"; referralId: number }
  | { error: ReferralError; referralId?: number; fieldErrors?: FieldErrors };

/**
 * The accept/decline form of /staff and /pilot, as a value: the route
 * answers it with statusOfError (invalid 400, not-found 404, lapsed or
 * full 409).
 */
export async function answerReferralForm(
  user: ActingUser,
  form: FormData,
): Promise<ReferralAnswer> {
  const parsed = parseWith(ReferralResponseFormSchema, Object.fromEntries(form));
  if (!parsed.ok) {
    const referralId = Number(form.get("referralId")) || undefined;
    return { error: "invalid", referralId, fieldErrors: parsed.fieldErrors };
  }
  const { intent, referralId, message } = parsed.data;
  const result =
    intent === "accept"
      ? await acceptReferral(user, referralId, message)
      : await declineReferral(user, referralId, message);
  if (!result.ok) return { error: result.error, referralId };
  return { done: result.status as "accepted" | "declined", referralId };
}
