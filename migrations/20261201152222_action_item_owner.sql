ALTER TABLE "action_items" ADD COLUMN "owner_user_id" uuid;--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "overdue_told_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;