ALTER TABLE "subscription_charges" ADD COLUMN "test_clock_id" uuid;--> statement-breakpoint
UPDATE "subscription_charges" c SET "test_clock_id" = s."test_clock_id" FROM "subscriptions" s WHERE s."id" = c."subscription_id" AND s."test_clock_id" IS NOT NULL;
