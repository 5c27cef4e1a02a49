CREATE TABLE `association_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`municipality` text NOT NULL,
	`contact_name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`activities` text NOT NULL,
	`locale` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`organization_id` integer,
	`handled_at` integer,
	`handled_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `association_applications_status_idx` ON `association_applications` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `association_applications_handled_idx` ON `association_applications` (`handled_at`);