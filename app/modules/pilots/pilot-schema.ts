import { z } from "zod";
import {
  InterestWordsSchema,
  IsoDateSchema,
  LanguagesSchema,
  RefSchema,
  ScheduleSchema,
} from "../common/common-schema.ts";

import { PILOT_TRAINING_STATUSES, type PilotTrainingStatus } from "#db/domain.ts";

export { PILOT_TRAINING_STATUSES, type PilotTrainingStatus };

/** A pilot profile as docs/import-format.md describes it, minus the organization link. */
export const PilotFieldsSchema = z.strictObject({
  displayName: z
    .string()
    .trim()
    .min(1, "displayName is required")
    .max(40, "displayName is a first name or nickname (at most 40 characters)"),
  municipality: z.string().trim().min(1, "municipality is required").max(60),
  languages: LanguagesSchema,
  interests: InterestWordsSchema.nullish(),
  bio: z.string().trim().max(1000, "bio is at most 1000 characters").nullish(),
  capacity: z
    .number()
    .int("capacity must be a whole number")
    .min(1, "capacity must be at least 1")
    .max(20, "capacity is at most 20"),
  activeMentees: z
    .number()
    .int("activeMentees must be a whole number")
    .min(0, "activeMentees cannot be negative")
    .max(20)
    .nullish(),
  acceptingMentees: z.boolean({ error: "acceptingMentees must be true or false" }),
  schedule: ScheduleSchema.nullish(),
  trainingStatus: z
    .enum(PILOT_TRAINING_STATUSES, {
      error: `trainingStatus must be one of ${PILOT_TRAINING_STATUSES.join(", ")}`,
    })
    .nullish(),
  // A training the pilot took: kept as a training record of their organization.
  trainingCourse: z.string().trim().max(120).nullish(),
  trainingDate: IsoDateSchema.nullish(),
});

export const PilotImportSchema = PilotFieldsSchema.extend({
  ref: RefSchema,
  organizationRef: RefSchema,
});

export type PilotFields = z.infer<typeof PilotFieldsSchema>;
export type PilotImport = z.infer<typeof PilotImportSchema>;
