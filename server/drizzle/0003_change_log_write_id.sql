-- Nullable, no default: PostgreSQL adds it without rewriting the change log, however long.
ALTER TABLE "change_log" ADD COLUMN "write_id" integer;
