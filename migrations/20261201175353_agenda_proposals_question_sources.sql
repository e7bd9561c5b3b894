CREATE TABLE "agenda_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"source" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"reported_text" text DEFAULT '' NOT NULL,
	"placed_meeting_id" uuid,
	"placed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "source_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "source_item" integer;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "source_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "source" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "reported_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_proposals" ADD CONSTRAINT "agenda_proposals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_proposals" ADD CONSTRAINT "agenda_proposals_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_proposals" ADD CONSTRAINT "agenda_proposals_placed_meeting_id_meetings_id_fk" FOREIGN KEY ("placed_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_proposals_source_key" ON "agenda_proposals" USING btree ("tenant_id","source");--> statement-breakpoint
CREATE INDEX "agenda_proposals_waiting_idx" ON "agenda_proposals" USING btree ("council_id") WHERE placed_at is null;--> statement-breakpoint
CREATE INDEX "questions_source_meeting_idx" ON "questions" USING btree ("source_meeting_id") WHERE source_meeting_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_items_source_key" ON "agenda_items" USING btree ("meeting_id","source") WHERE source <> '';