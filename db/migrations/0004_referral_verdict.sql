ALTER TABLE `referrals` ADD `verdict` text;--> statement-breakpoint
ALTER TABLE `referrals` ADD `score` real;