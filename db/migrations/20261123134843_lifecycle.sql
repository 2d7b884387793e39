CREATE TABLE "catalog_addon_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"addon_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"interval_unit" text NOT NULL,
	"interval_count" integer NOT NULL,
	"version" integer NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "catalog_addon_prices_amount_positive" CHECK ("catalog_addon_prices"."amount" > 0),
	CONSTRAINT "catalog_addon_prices_interval_count_positive" CHECK ("catalog_addon_prices"."interval_count" >= 1)
);
--> statement-breakpoint
CREATE TABLE "catalog_addons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"option_group" text,
	"max_quantity" integer NOT NULL,
	"entitlement_keys" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "catalog_addons_max_quantity_positive" CHECK ("catalog_addons"."max_quantity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_charges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subscription_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"addon_id" uuid NOT NULL,
	"addon_price_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscription_items_quantity_positive" CHECK ("subscription_items"."quantity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "test_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "test_clocks_name_not_empty" CHECK (length("test_clocks"."name") > 0)
);
--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD COLUMN "one_trial_per_customer" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD COLUMN "reactivation_grace_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "test_clock_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "pending_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "pending_price_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "pending_quantity" integer;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "resume_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "trial_will_end_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "test_clock_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "catalog_addon_prices" ADD CONSTRAINT "catalog_addon_prices_addon_id_catalog_addons_id_fk" FOREIGN KEY ("addon_id") REFERENCES "public"."catalog_addons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_addons" ADD CONSTRAINT "catalog_addons_product_id_catalog_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."catalog_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_charges" ADD CONSTRAINT "subscription_charges_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_items" ADD CONSTRAINT "subscription_items_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_addon_prices_version_unique" ON "catalog_addon_prices" USING btree ("addon_id","currency","interval_unit","interval_count","version");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_addon_prices_current_unique" ON "catalog_addon_prices" USING btree ("addon_id","currency","interval_unit","interval_count") WHERE "catalog_addon_prices"."superseded_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_addons_code_unique" ON "catalog_addons" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "catalog_addons_product_idx" ON "catalog_addons" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "outbox_events_entity_idx" ON "outbox_events" USING btree ("entity_type","entity_id","id");--> statement-breakpoint
CREATE INDEX "outbox_events_type_idx" ON "outbox_events" USING btree ("type","id");--> statement-breakpoint
CREATE INDEX "subscription_charges_subscription_idx" ON "subscription_charges" USING btree ("subscription_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_items_addon_unique" ON "subscription_items" USING btree ("subscription_id","addon_id");--> statement-breakpoint
CREATE INDEX "customers_test_clock_idx" ON "customers" USING btree ("test_clock_id");--> statement-breakpoint
CREATE INDEX "subscriptions_clock_due_idx" ON "subscriptions" USING btree ("test_clock_id","next_due_at","id");--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD CONSTRAINT "catalog_plans_reactivation_grace_not_negative" CHECK ("catalog_plans"."reactivation_grace_days" >= 0);