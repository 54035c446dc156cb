CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_kana` text,
	`domains` text DEFAULT '[]' NOT NULL,
	`industry` text NOT NULL,
	`size` text NOT NULL,
	`region` text NOT NULL,
	`territory` text NOT NULL,
	`stage_code` text NOT NULL,
	`business_notes` text DEFAULT '' NOT NULL,
	`industry_notes` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`stage_code`) REFERENCES `stages`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `accounts_territory` ON `accounts` (`territory`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`name_kana` text,
	`title` text,
	`department` text,
	`role` text,
	`emails` text DEFAULT '[]' NOT NULL,
	`phones` text DEFAULT '[]' NOT NULL,
	`consent` text DEFAULT 'unknown' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_account` ON `contacts` (`account_id`);--> statement-breakpoint
CREATE TABLE `content_items` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `content_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`language` text NOT NULL,
	`approval` text NOT NULL,
	`valid_from` integer NOT NULL,
	`valid_until` integer,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`page_count` integer,
	`tags` text NOT NULL,
	`key_messages` text NOT NULL,
	`approved_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `content_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_versions_item_version` ON `content_versions` (`item_id`,`version`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`venue` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`booth` text NOT NULL,
	`questions` text NOT NULL,
	`consent_text` text NOT NULL,
	`consent_version` text NOT NULL,
	`products` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `outbox_state` ON `outbox` (`state`,`id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stages` (
	`code` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`label_ja` text NOT NULL,
	`label_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `touchpoint_contacts` (
	`touchpoint_id` text NOT NULL,
	`contact_id` text NOT NULL,
	PRIMARY KEY(`touchpoint_id`, `contact_id`),
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `touchpoint_contacts_contact` ON `touchpoint_contacts` (`contact_id`);--> statement-breakpoint
CREATE TABLE `touchpoint_content` (
	`touchpoint_id` text NOT NULL,
	`content_version_id` text NOT NULL,
	PRIMARY KEY(`touchpoint_id`, `content_version_id`),
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`content_version_id`) REFERENCES `content_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `touchpoint_content_version` ON `touchpoint_content` (`content_version_id`);--> statement-breakpoint
CREATE TABLE `touchpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`channel` text NOT NULL,
	`team` text NOT NULL,
	`stage_code` text NOT NULL,
	`summary` text NOT NULL,
	`details` text NOT NULL,
	`author` text NOT NULL,
	`origin_device` text NOT NULL,
	`supersedes_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `touchpoints_account_time` ON `touchpoints` (`account_id`,`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `touchpoints_account_stage` ON `touchpoints` (`account_id`,`stage_code`);--> statement-breakpoint
CREATE INDEX `touchpoints_supersedes` ON `touchpoints` (`supersedes_id`);