DROP INDEX "consents_in_force_key";--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "subject" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "subject_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "consents_in_force_key" ON "consents" USING btree ("user_id","kind","subject") WHERE withdrawn_at is null;--> statement-breakpoint
-- The choice made on a question's form becomes a consent of its own, so it can be withdrawn from the profile.
INSERT INTO "consents" ("tenant_id", "user_id", "kind", "subject", "subject_label", "given_at", "given_via")
  SELECT "tenant_id", "asker_id", 'publicName', 'question:' || "id", "number", "received_at", '/fragor/ny' FROM "questions"
  WHERE "show_name" AND "asker_id" IS NOT NULL AND "on_behalf" IS NULL
  ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "questions" DROP COLUMN "show_name";