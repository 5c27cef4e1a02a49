import { z } from "zod";

import { REFERRAL_STATUSES, type ReferralStatus } from "#db/domain.ts";

export { REFERRAL_STATUSES, type ReferralStatus };

/** A referral goes to exactly one activity or one pilot. */
export const ReferralTargetSchema = z.union([
  z.strictObject({ activityId: z.number().int().positive() }),
  z.strictObject({ pilotId: z.number().int().positive() }),
]);

export const ReferralMessageSchema = z
  .string()
  .trim()
  .max(1000, "referrals.error.messageTooLong")
  .nullish()
  .transform((m) => (m ? m : null));

export const SendReferralsSchema = z.strictObject({
  participantId: z.number().int().positive(),
  targets: z.array(ReferralTargetSchema).min(1, "choose at least one").max(20),
  message: ReferralMessageSchema,
});

/** The receiving side's form: one action, intent accept or decline. */
export const ReferralResponseFormSchema = z.object({
  intent: z.enum(["accept", "decline"]),
  referralId: z.coerce.number().int().positive(),
  message: ReferralMessageSchema,
});

export type ReferralTarget = z.infer<typeof ReferralTargetSchema>;
export type SendReferralsInput = z.input<typeof SendReferralsSchema>;

/** The shortlist form's ticked entries ("activity:<id>" / "pilot:<id>") as targets. */
export function targetsOfForm(values: string[]): ReferralTarget[] {
  return values.map((v) => {
    const [type, id] = v.split(":");
    return type === "activity" ? { activityId: Number(id) } : { pilotId: Number(id) };
  });
}
