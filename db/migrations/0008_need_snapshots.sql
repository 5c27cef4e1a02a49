CREATE TABLE `need_snapshots` (
	`quarter` text NOT NULL,
	`municipality` text NOT NULL,
	`measure` text NOT NULL,
	`value` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`quarter`, `municipality`, `measure`)
);
