CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`organization_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`interests` text DEFAULT '[]' NOT NULL,
	`interest_keys` text DEFAULT '[]' NOT NULL,
	`kind` text NOT NULL,
	`municipality` text NOT NULL,
	`address` text,
	`lat` real,
	`lon` real,
	`languages` text DEFAULT '["fi"]' NOT NULL,
	`schedule` text DEFAULT '[]' NOT NULL,
	`threshold` text DEFAULT '{}' NOT NULL,
	`min_age` integer,
	`max_age` integer,
	`capacity` integer,
	`enrolled` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`last_checked_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activities_ref_unique` ON `activities` (`ref`);--> statement-breakpoint
CREATE INDEX `activities_organization_idx` ON `activities` (`organization_id`);--> statement-breakpoint
CREATE INDEX `activities_status_municipality_idx` ON `activities` (`status`,`municipality`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`session_date` text NOT NULL,
	`present` integer NOT NULL,
	`marked_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_uq` ON `attendance` (`activity_id`,`participant_id`,`session_date`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` text,
	`actor_role` text,
	`organization_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`participant_id` integer,
	`context` text,
	`changes` text
);
--> statement-breakpoint
CREATE INDEX `audit_participant_idx` ON `audit_log` (`participant_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`given_at` integer NOT NULL,
	`recorded_by` text,
	`withdrawn_at` integer,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_participant_idx` ON `consents` (`participant_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`worker_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`worker_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_participant_idx` ON `contacts` (`participant_id`,`date`);--> statement-breakpoint
CREATE TABLE `interest_concepts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`label_fi` text NOT NULL,
	`label_sv` text NOT NULL,
	`label_en` text NOT NULL,
	`is_category` integer DEFAULT false NOT NULL,
	`broader_id` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`broader_id`) REFERENCES `interest_concepts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interest_concepts_key_unique` ON `interest_concepts` (`key`);--> statement-breakpoint
CREATE TABLE `interest_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`concept_id` integer NOT NULL,
	`term` text NOT NULL,
	`lang` text NOT NULL,
	FOREIGN KEY (`concept_id`) REFERENCES `interest_concepts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interest_terms_uq` ON `interest_terms` (`concept_id`,`term`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`organization_id` integer,
	`pilot_id` integer,
	`participant_id` integer,
	`invited_by` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_email_idx` ON `invitations` (`email`);--> statement-breakpoint
CREATE TABLE `mail_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`sent_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`message` text NOT NULL,
	`link` text,
	`read_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`name` text NOT NULL,
	`municipality` text NOT NULL,
	`description` text,
	`website` text,
	`follow_up_days` integer DEFAULT 21 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_ref_unique` ON `organizations` (`ref`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`organization_id` integer NOT NULL,
	`responsible_worker_id` text,
	`user_id` text,
	`nickname` text,
	`municipality` text NOT NULL,
	`gender` text DEFAULT 'unknown' NOT NULL,
	`birth_year` integer,
	`languages` text NOT NULL,
	`interests` text DEFAULT '[]' NOT NULL,
	`interest_text` text,
	`interest_keys` text DEFAULT '[]' NOT NULL,
	`wants_pilot` integer DEFAULT false NOT NULL,
	`needs` text DEFAULT '{}' NOT NULL,
	`schedule` text DEFAULT '[]' NOT NULL,
	`max_distance_km` integer,
	`notes` text,
	`last_contact_at` text,
	`erased_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_worker_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_ref_unique` ON `participants` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_user_id_unique` ON `participants` (`user_id`);--> statement-breakpoint
CREATE INDEX `participants_organization_idx` ON `participants` (`organization_id`);--> statement-breakpoint
CREATE INDEX `participants_worker_idx` ON `participants` (`responsible_worker_id`);--> statement-breakpoint
CREATE TABLE `path_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`step` text NOT NULL,
	`date` text NOT NULL,
	`onward_path` text DEFAULT '' NOT NULL,
	`end_reason` text DEFAULT '' NOT NULL,
	`source` text DEFAULT 'manual' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `path_steps_merge_uq` ON `path_steps` (`participant_id`,`step`,`date`,`onward_path`,`end_reason`);--> statement-breakpoint
CREATE INDEX `path_steps_report_idx` ON `path_steps` (`date`,`step`,`participant_id`);--> statement-breakpoint
CREATE TABLE `pilots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`organization_id` integer NOT NULL,
	`user_id` text,
	`display_name` text NOT NULL,
	`municipality` text NOT NULL,
	`languages` text NOT NULL,
	`interests` text DEFAULT '[]' NOT NULL,
	`interest_keys` text DEFAULT '[]' NOT NULL,
	`bio` text,
	`capacity` integer NOT NULL,
	`active_mentees` integer DEFAULT 0 NOT NULL,
	`accepting_mentees` integer NOT NULL,
	`schedule` text DEFAULT '[]' NOT NULL,
	`training_course` text,
	`training_date` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pilots_ref_unique` ON `pilots` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `pilots_user_id_unique` ON `pilots` (`user_id`);--> statement-breakpoint
CREATE INDEX `pilots_organization_idx` ON `pilots` (`organization_id`);--> statement-breakpoint
CREATE TABLE `rate_limit_hits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bucket` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limit_bucket_idx` ON `rate_limit_hits` (`bucket`,`at`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`activity_id` integer,
	`pilot_id` integer,
	`sender_user_id` text,
	`status` text DEFAULT 'sent' NOT NULL,
	`message` text,
	`response_message` text,
	`responded_by` text,
	`responded_at` integer,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sender_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referrals_participant_idx` ON `referrals` (`participant_id`);--> statement-breakpoint
CREATE INDEX `referrals_activity_idx` ON `referrals` (`activity_id`,`status`);--> statement-breakpoint
CREATE INDEX `referrals_pilot_idx` ON `referrals` (`pilot_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `referrals_open_activity_uq` ON `referrals` (`participant_id`,`activity_id`) WHERE status = 'sent' and activity_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `referrals_open_pilot_uq` ON `referrals` (`participant_id`,`pilot_id`) WHERE status = 'sent' and pilot_id is not null;--> statement-breakpoint
CREATE TABLE `search_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_outbox_entity_idx` ON `search_outbox` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `self_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`phase` text NOT NULL,
	`date` text NOT NULL,
	`work_ability` integer NOT NULL,
	`mental_wellbeing` integer NOT NULL,
	`social_participation` integer NOT NULL,
	`physical_functioning` integer NOT NULL,
	`competence` integer NOT NULL,
	`everyday_life` integer NOT NULL,
	`recorded_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `self_assessments_participant_idx` ON `self_assessments` (`participant_id`,`date`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `shortlist_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`participant_id` integer NOT NULL,
	`activity_id` integer,
	`pilot_id` integer,
	`added_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shortlist_activity_uq` ON `shortlist_items` (`participant_id`,`activity_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `shortlist_pilot_uq` ON `shortlist_items` (`participant_id`,`pilot_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`organization_id` integer,
	`display_name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`password_changed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_organization_idx` ON `users` (`organization_id`);--> statement-breakpoint
CREATE TABLE `worker_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
