DROP INDEX "subscription_charges_uninvoiced_idx";--> statement-breakpoint
ALTER TABLE "subscription_charges" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
UPDATE "subscription_charges" c SET "customer_id" = s."customer_id" FROM "subscriptions" s WHERE s."id" = c."subscription_id";--> statement-breakpoint
ALTER TABLE "subscription_charges" ALTER COLUMN "customer_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "subscription_charges_billable_idx" ON "subscription_charges" USING btree ("customer_id","subscription_id") WHERE "subscription_charges"."invoice_id" IS NULL AND "subscription_charges"."kind" IN ('period_charge', 'setup_fee');--> statement-breakpoint
CREATE INDEX "subscription_charges_uninvoiced_idx" ON "subscription_charges" USING btree ("subscription_id","created_at") WHERE "subscription_charges"."invoice_id" IS NULL;