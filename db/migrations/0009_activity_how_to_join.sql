ALTER TABLE `activities` ADD `how_to_join` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `contact_name` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `contact_email` text;