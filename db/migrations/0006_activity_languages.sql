ALTER TABLE `activities` ADD `plain_description` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `content_language` text DEFAULT 'fi' NOT NULL;