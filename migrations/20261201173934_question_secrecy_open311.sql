CREATE TABLE "open311_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" uuid,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "lng" double precision;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "secret_fields" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "secrecy_ground" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "secrecy_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "secrecy_by" uuid;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "open311_keys" ADD CONSTRAINT "open311_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_keys" ADD CONSTRAINT "open311_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "open311_keys_hash_key" ON "open311_keys" USING btree ("key_hash");--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_secrecy_by_users_id_fk" FOREIGN KEY ("secrecy_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;