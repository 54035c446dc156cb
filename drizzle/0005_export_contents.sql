ALTER TABLE `capture_exports` ADD `capture_ids` text;--> statement-breakpoint
ALTER TABLE `capture_exports` ADD `outbox_ids` text;