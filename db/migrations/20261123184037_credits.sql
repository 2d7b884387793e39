CREATE TABLE "credit_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"test_clock_id" uuid,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	"spend_tier" smallint NOT NULL,
	"subscription_id" uuid,
	"amount" bigint NOT NULL,
	"description" text NOT NULL,
	"account_key" text NOT NULL,
	"source_ref" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_grants_amount_positive" CHECK ("credit_grants"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "credit_thresholds" (
	"customer_id" uuid NOT NULL,
	"unit" text NOT NULL,
	"threshold" bigint NOT NULL,
	"below" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_thresholds_customer_id_unit_pk" PRIMARY KEY("customer_id","unit"),
	CONSTRAINT "credit_thresholds_positive" CHECK ("credit_thresholds"."threshold" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "credit_grants_source_ref_idx" ON "credit_grants" USING btree ("source_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_grants_account_key_idx" ON "credit_grants" USING btree ("account_key");--> statement-breakpoint
CREATE INDEX "credit_grants_spend_idx" ON "credit_grants" USING btree ("customer_id","unit","spend_tier","granted_at","id") WHERE "credit_grants"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "credit_grants_expiry_idx" ON "credit_grants" USING btree ("expires_at") WHERE "credit_grants"."closed_at" IS NULL AND "credit_grants"."expires_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "credit_grants_subscription_idx" ON "credit_grants" USING btree ("subscription_id") WHERE "credit_grants"."closed_at" IS NULL;