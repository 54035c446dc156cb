ALTER TABLE `outbox` ADD `hub_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `resent` integer DEFAULT false NOT NULL;