CREATE TABLE "credit_pack_purchases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit" text NOT NULL,
	"credits" bigint NOT NULL,
	"expiry_days" integer,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"granted_at" timestamp with time zone,
	CONSTRAINT "credit_pack_purchases_credits_positive" CHECK ("credit_pack_purchases"."credits" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "credit_pack_purchases_invoice_idx" ON "credit_pack_purchases" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "credit_pack_purchases_customer_idx" ON "credit_pack_purchases" USING btree ("customer_id","created_at");