CREATE TABLE "catalog_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"interval_unit" text,
	"interval_count" integer NOT NULL,
	"trial_days" integer NOT NULL,
	"credits_per_period" bigint,
	"credit_unit" text,
	"entitlement_keys" text[] NOT NULL,
	"upgrade_timing" text NOT NULL,
	"downgrade_timing" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "catalog_plans_interval_count_positive" CHECK ("catalog_plans"."interval_count" >= 1),
	CONSTRAINT "catalog_plans_trial_days_not_negative" CHECK ("catalog_plans"."trial_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "catalog_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"version" integer NOT NULL,
	"amount" bigint NOT NULL,
	"setup_fee" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "catalog_prices_amount_positive" CHECK ("catalog_prices"."amount" > 0),
	CONSTRAINT "catalog_prices_setup_fee_not_negative" CHECK ("catalog_prices"."setup_fee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "catalog_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD CONSTRAINT "catalog_plans_product_id_catalog_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."catalog_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_prices" ADD CONSTRAINT "catalog_prices_plan_id_catalog_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."catalog_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_plans_code_unique" ON "catalog_plans" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "catalog_plans_product_idx" ON "catalog_plans" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_prices_version_unique" ON "catalog_prices" USING btree ("plan_id","currency","version");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_prices_current_unique" ON "catalog_prices" USING btree ("plan_id","currency") WHERE "catalog_prices"."superseded_at" IS NULL;