CREATE TABLE "system_bill_run_ranges" (
	"run_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"from_id" uuid,
	"to_id" uuid,
	"handled" integer NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "system_bill_run_ranges_run_id_position_pk" PRIMARY KEY("run_id","position")
);
--> statement-breakpoint
CREATE TABLE "system_bill_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"due_at_start" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"progress_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "system_bill_run_ranges" ADD CONSTRAINT "system_bill_run_ranges_run_id_system_bill_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."system_bill_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "system_bill_runs_started_idx" ON "system_bill_runs" USING btree ("started_at","id");