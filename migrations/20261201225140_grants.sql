CREATE TABLE "grant_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone,
	"budget" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_calls_budget" CHECK ("grant_calls"."budget" >= 0),
	CONSTRAINT "grant_calls_period" CHECK ("grant_calls"."closes_at" is null or "grant_calls"."closes_at" > "grant_calls"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "grant_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"min_amount" integer,
	"max_amount" integer,
	"fast_track_limit" integer,
	"when_to_apply" text DEFAULT '' NOT NULL,
	"eligibility" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_programmes_amounts" CHECK (("grant_programmes"."min_amount" is null or "grant_programmes"."min_amount" >= 0) and ("grant_programmes"."max_amount" is null or "grant_programmes"."max_amount" >= 0)
      and ("grant_programmes"."min_amount" is null or "grant_programmes"."max_amount" is null or "grant_programmes"."max_amount" >= "grant_programmes"."min_amount") and ("grant_programmes"."fast_track_limit" is null or "grant_programmes"."fast_track_limit" >= 0))
);
--> statement-breakpoint
ALTER TABLE "grant_calls" ADD CONSTRAINT "grant_calls_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_calls" ADD CONSTRAINT "grant_calls_programme_id_grant_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."grant_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_programmes" ADD CONSTRAINT "grant_programmes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grant_calls_slug_key" ON "grant_calls" USING btree ("programme_id","slug");--> statement-breakpoint
CREATE INDEX "grant_calls_open_idx" ON "grant_calls" USING btree ("tenant_id","opens_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_programmes_slug_key" ON "grant_programmes" USING btree ("tenant_id","slug");