ALTER TABLE `referrals` ADD `verdict` text;--> statement-breakpoint
ALTER TABLE `referrals` ADD `score` real;--> statement-breakpoint
ALTER TABLE `participants` DROP COLUMN `last_contact_at`;