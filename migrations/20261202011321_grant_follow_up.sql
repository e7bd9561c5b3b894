CREATE TABLE "grant_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"paid_on" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_payments_amount" CHECK ("grant_payments"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "report_due_on" date;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "report_status" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "report_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "report_participants" integer;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "report_spent" integer;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "report_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "report_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "report_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "report_overdue_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grant_payments" ADD CONSTRAINT "grant_payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_payments" ADD CONSTRAINT "grant_payments_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_payments" ADD CONSTRAINT "grant_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_payments_application_idx" ON "grant_payments" USING btree ("application_id");