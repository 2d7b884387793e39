CREATE TABLE "referral_codes" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_programmes" (
	"id" integer PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"reward_kind" text NOT NULL,
	"reward_unit" text,
	"tiers" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_programmes_single_row" CHECK ("referral_programmes"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referrer_id" uuid NOT NULL,
	"referred_id" uuid NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"invoice_id" uuid,
	"plan_months" integer,
	"reward" jsonb,
	"reversal" jsonb,
	"note" text NOT NULL,
	"attributed_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"reversed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "amount_from_balance" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_code_unique" ON "referral_codes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_referred_unique" ON "referrals" USING btree ("referred_id");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("referrer_id","attributed_at");--> statement-breakpoint
CREATE INDEX "referrals_invoice_idx" ON "referrals" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "referrals_attributed_idx" ON "referrals" USING btree ("attributed_at","id");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_from_balance_not_negative" CHECK ("invoices"."amount_from_balance" >= 0);