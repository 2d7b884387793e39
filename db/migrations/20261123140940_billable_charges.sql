ALTER TABLE "subscription_charges" ADD COLUMN "quantity" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_charges" ADD COLUMN "invoice_id" uuid;--> statement-breakpoint
CREATE INDEX "subscription_charges_uninvoiced_idx" ON "subscription_charges" USING btree ("created_at") WHERE "subscription_charges"."invoice_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_charges_period_unique" ON "subscription_charges" USING btree ("subscription_id","period_start") WHERE "subscription_charges"."kind" = 'period_charge';