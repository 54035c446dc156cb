CREATE TABLE `content_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`problem` text,
	`checked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deck_items` (
	`deck_id` text NOT NULL,
	`position` integer NOT NULL,
	`item_id` text NOT NULL,
	`version_id` text NOT NULL,
	`page_from` integer,
	`page_to` integer,
	`notes` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`deck_id`, `position`),
	FOREIGN KEY (`deck_id`) REFERENCES `decks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `decks` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `presentations` (
	`id` text PRIMARY KEY NOT NULL,
	`deck_id` text,
	`deck_name` text,
	`account_id` text,
	`event_id` text,
	`attendees` text NOT NULL,
	`slides` text NOT NULL,
	`language` text NOT NULL,
	`position` integer NOT NULL,
	`blank` integer NOT NULL,
	`shown_at` integer,
	`slide_times` text NOT NULL,
	`started_at` integer NOT NULL,
	`last_active_at` integer NOT NULL,
	`ended_at` integer,
	`recovered` integer DEFAULT false NOT NULL,
	`touchpoint_ids` text
);
--> statement-breakpoint
CREATE INDEX `presentations_running` ON `presentations` (`ended_at`);