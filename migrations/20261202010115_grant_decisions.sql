CREATE TABLE "grant_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"conflict" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "locality_id" uuid;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "recommendation" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "recommendation_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "recommended_by" uuid;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "recommending_council_id" uuid;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "recommended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "granted_amount" integer;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "conditions" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "reasoning" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "decision_by" text;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "decision_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grant_reviews" ADD CONSTRAINT "grant_reviews_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_reviews" ADD CONSTRAINT "grant_reviews_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_reviews" ADD CONSTRAINT "grant_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grant_reviews_key" ON "grant_reviews" USING btree ("application_id","reviewer_id");--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_recommended_by_users_id_fk" FOREIGN KEY ("recommended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_recommending_council_id_councils_id_fk" FOREIGN KEY ("recommending_council_id") REFERENCES "public"."councils"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_decision_meeting_id_meetings_id_fk" FOREIGN KEY ("decision_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_applications_decided_idx" ON "grant_applications" USING btree ("tenant_id","status","decided_at");--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_granted" CHECK ("grant_applications"."granted_amount" is null or "grant_applications"."granted_amount" >= 0);