ALTER TABLE "catalog_plans" ADD COLUMN "credit_rollover_cap" bigint;--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD COLUMN "credits_on_plan_change" text DEFAULT 'forfeit' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD COLUMN "credit_expiry_days" integer;--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD CONSTRAINT "catalog_plans_credit_rollover_cap_not_negative" CHECK ("catalog_plans"."credit_rollover_cap" >= 0);--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD CONSTRAINT "catalog_plans_credit_expiry_days_positive" CHECK ("catalog_plans"."credit_expiry_days" >= 1);