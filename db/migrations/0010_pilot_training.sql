CREATE TABLE `pilot_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`municipality` text NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`message` text,
	`locale` text NOT NULL,
	`handled_at` integer,
	`handled_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pilot_applications_organization_idx` ON `pilot_applications` (`organization_id`,`handled_at`);--> statement-breakpoint
CREATE INDEX `pilot_applications_created_idx` ON `pilot_applications` (`created_at`);--> statement-breakpoint
CREATE TABLE `pilot_training_attendees` (
	`training_id` integer NOT NULL,
	`pilot_id` integer NOT NULL,
	PRIMARY KEY(`training_id`, `pilot_id`),
	FOREIGN KEY (`training_id`) REFERENCES `pilot_trainings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pilot_training_attendees_pilot_idx` ON `pilot_training_attendees` (`pilot_id`);--> statement-breakpoint
CREATE TABLE `pilot_trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer,
	`date` text NOT NULL,
	`topic` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pilot_trainings_organization_idx` ON `pilot_trainings` (`organization_id`,`date`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `pilots` ADD `training_status` text DEFAULT 'trained' NOT NULL;--> statement-breakpoint
-- Existing pilots keep being suggested: they count as trained (the default).
-- The pilot form's training course and date become training records of the
-- pilot's organization (one event per organization, date and topic), then
-- the columns go. A date-less course is dated by the profile's creation day,
-- a course-less date gets the general topic.
INSERT INTO `pilot_trainings` (`organization_id`, `date`, `topic`)
SELECT DISTINCT `organization_id`,
  coalesce(`training_date`, date(`created_at` / 1000, 'unixepoch')),
  coalesce(nullif(trim(`training_course`), ''), 'Toimintaluotsikoulutus')
FROM `pilots` WHERE nullif(trim(`training_course`), '') IS NOT NULL OR `training_date` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `pilot_training_attendees` (`training_id`, `pilot_id`)
SELECT t.`id`, p.`id` FROM `pilots` p JOIN `pilot_trainings` t
  ON t.`organization_id` = p.`organization_id`
  AND t.`date` = coalesce(p.`training_date`, date(p.`created_at` / 1000, 'unixepoch'))
  AND t.`topic` = coalesce(nullif(trim(p.`training_course`), ''), 'Toimintaluotsikoulutus')
WHERE nullif(trim(p.`training_course`), '') IS NOT NULL OR p.`training_date` IS NOT NULL;
--> statement-breakpoint
ALTER TABLE `pilots` DROP COLUMN `training_course`;--> statement-breakpoint
ALTER TABLE `pilots` DROP COLUMN `training_date`;