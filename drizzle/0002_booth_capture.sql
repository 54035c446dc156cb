CREATE TABLE `capture_drafts` (
	`event_id` text PRIMARY KEY NOT NULL,
	`fields` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `capture_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text,
	`file` text NOT NULL,
	`capture_count` integer NOT NULL,
	`covers_until` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `captures` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`account_id` text NOT NULL,
	`fields` text NOT NULL,
	`rating` text,
	`source` text NOT NULL,
	`matched_contact` integer NOT NULL,
	`matched_account` integer NOT NULL,
	`booth_touchpoint_id` text NOT NULL,
	`card_touchpoint_id` text,
	`rep` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booth_touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`card_touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `captures_event` ON `captures` (`event_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `consent_records` (
	`id` text PRIMARY KEY NOT NULL,
	`contact_id` text NOT NULL,
	`event_id` text,
	`granted` integer NOT NULL,
	`method` text NOT NULL,
	`text_version` text NOT NULL,
	`text` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`rep` text NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consent_records_contact` ON `consent_records` (`contact_id`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`capture_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`event_id` text,
	`kind` text NOT NULL,
	`content_version_ids` text NOT NULL,
	`status` text NOT NULL,
	`draft_language` text,
	`draft_subject` text,
	`draft_body` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_ups_capture` ON `follow_ups` (`capture_id`);--> statement-breakpoint
CREATE INDEX `outbox_entity` ON `outbox` (`entity_id`,`state`);