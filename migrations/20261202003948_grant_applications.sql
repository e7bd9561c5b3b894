CREATE TABLE "parked_forms" (
	"tenant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"path" text NOT NULL,
	"fields" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parked_forms_tenant_id_token_hash_pk" PRIMARY KEY("tenant_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "grant_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"amount" integer,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"eligibility" jsonb,
	"info_request" text DEFAULT '' NOT NULL,
	"info_reply" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_applications_amount" CHECK ("grant_applications"."amount" is null or "grant_applications"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "grant_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"question_key" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "member_count" integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "members_counted_on" date;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "annual_meeting_on" date;--> statement-breakpoint
ALTER TABLE "parked_forms" ADD CONSTRAINT "parked_forms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_call_id_grant_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."grant_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_programme_id_grant_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."grant_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_form_id_grant_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."grant_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_attachments" ADD CONSTRAINT "grant_attachments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_attachments" ADD CONSTRAINT "grant_attachments_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_attachments" ADD CONSTRAINT "grant_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_forms" ADD CONSTRAINT "grant_forms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_forms" ADD CONSTRAINT "grant_forms_programme_id_grant_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."grant_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_forms" ADD CONSTRAINT "grant_forms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parked_forms_expiry_idx" ON "parked_forms" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_applications_reference_key" ON "grant_applications" USING btree ("tenant_id","reference");--> statement-breakpoint
CREATE INDEX "grant_applications_call_idx" ON "grant_applications" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "grant_applications_org_idx" ON "grant_applications" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "grant_attachments_application_idx" ON "grant_attachments" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_forms_version_key" ON "grant_forms" USING btree ("programme_id","version");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_member_count" CHECK ("organisations"."member_count" is null or "organisations"."member_count" >= 0);