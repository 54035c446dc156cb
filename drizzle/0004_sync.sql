CREATE TABLE `field_clocks` (
	`entity` text NOT NULL,
	`id` text NOT NULL,
	`field` text NOT NULL,
	`hlc` text NOT NULL,
	PRIMARY KEY(`entity`, `id`, `field`)
);
--> statement-breakpoint
CREATE TABLE `sync_issues` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`mutation_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text,
	`yours` text,
	`theirs` text,
	`kept` text,
	`reason` text,
	`message` text,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolution` text
);
--> statement-breakpoint
CREATE INDEX `sync_issues_open` ON `sync_issues` (`resolved_at`,`created_at`);