-- One ALTER, so a hub with millions of touchpoints rewrites the table once, not three times.
ALTER TABLE "touchpoints" ALTER COLUMN "details" SET DATA TYPE json USING "details"::json, ALTER COLUMN "contact_ids" SET DATA TYPE json USING "contact_ids"::json, ALTER COLUMN "content_version_ids" SET DATA TYPE json USING "content_version_ids"::json;
