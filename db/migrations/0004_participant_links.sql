ALTER TABLE `mail_messages` ADD `participant_id` integer REFERENCES participants(id);--> statement-breakpoint
ALTER TABLE `notifications` ADD `participant_id` integer REFERENCES participants(id);--> statement-breakpoint
CREATE INDEX `notifications_participant_idx` ON `notifications` (`participant_id`);