import { z } from "zod";
import { RefSchema } from "../common/common-schema.ts";
import { PastDateFormSchema } from "../paths/paths-schema.ts";

/** The sheet's day in the query string; missing means today. */
export const SessionQuerySchema = z.object({ date: PastDateFormSchema });

/** One save of the sheet: the day and the refs ticked present (everyone else on the sheet is absent). */
export const AttendanceFormSchema = z.object({
  date: PastDateFormSchema,
  present: z.array(RefSchema).max(500).default([]),
});
