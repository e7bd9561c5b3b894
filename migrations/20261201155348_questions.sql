CREATE TABLE "question_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"group_name" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"function_id" uuid NOT NULL,
	"due_days" integer DEFAULT 10 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"status" text,
	"function_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_serials" (
	"tenant_id" uuid NOT NULL,
	"function_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "question_serials_tenant_id_function_id_year_pk" PRIMARY KEY("tenant_id","function_id","year")
);
--> statement-breakpoint
CREATE TABLE "question_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"number_pattern" text DEFAULT '{YYYY}/{code}{serial:4}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"number" text NOT NULL,
	"slug" text NOT NULL,
	"year" integer NOT NULL,
	"serial" integer NOT NULL,
	"registered_function_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"function_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"locality_id" uuid,
	"address" text DEFAULT '' NOT NULL,
	"asker_id" uuid,
	"on_behalf" jsonb,
	"registered_by" uuid,
	"council_id" uuid,
	"show_name" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"due_date" date,
	"answer" text DEFAULT '' NOT NULL,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "question_categories" ADD CONSTRAINT "question_categories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_categories" ADD CONSTRAINT "question_categories_function_id_functions_id_fk" FOREIGN KEY ("function_id") REFERENCES "public"."functions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_events" ADD CONSTRAINT "question_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_events" ADD CONSTRAINT "question_events_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_events" ADD CONSTRAINT "question_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_events" ADD CONSTRAINT "question_events_function_id_functions_id_fk" FOREIGN KEY ("function_id") REFERENCES "public"."functions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_serials" ADD CONSTRAINT "question_serials_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_serials" ADD CONSTRAINT "question_serials_function_id_functions_id_fk" FOREIGN KEY ("function_id") REFERENCES "public"."functions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_settings" ADD CONSTRAINT "question_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_registered_function_id_functions_id_fk" FOREIGN KEY ("registered_function_id") REFERENCES "public"."functions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_function_id_functions_id_fk" FOREIGN KEY ("function_id") REFERENCES "public"."functions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_category_id_question_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."question_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_locality_id_localities_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."localities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_asker_id_users_id_fk" FOREIGN KEY ("asker_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "question_categories_code_key" ON "question_categories" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "question_events_question_idx" ON "question_events" USING btree ("question_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "questions_tenant_number_key" ON "questions" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "questions_tenant_slug_key" ON "questions" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE INDEX "questions_register_idx" ON "questions" USING btree ("tenant_id","received_at","id");--> statement-breakpoint
CREATE INDEX "questions_function_idx" ON "questions" USING btree ("function_id","status");--> statement-breakpoint
-- What registration fixed never changes: the number, its serial, the time of receipt and the function it was registered at.
CREATE FUNCTION questions_registration_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.number IS DISTINCT FROM OLD.number OR NEW.serial IS DISTINCT FROM OLD.serial OR NEW.year IS DISTINCT FROM OLD.year
     OR NEW.received_at IS DISTINCT FROM OLD.received_at OR NEW.registered_function_id IS DISTINCT FROM OLD.registered_function_id THEN
    RAISE EXCEPTION 'a registered question keeps its number and time of receipt';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER questions_registration_is_fixed BEFORE UPDATE ON "questions" FOR EACH ROW EXECUTE FUNCTION questions_registration_is_fixed();
--> statement-breakpoint
-- Nothing registered is deleted.
CREATE FUNCTION questions_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a registered question is never deleted';
END $$;
--> statement-breakpoint
CREATE TRIGGER questions_are_kept BEFORE DELETE ON "questions" FOR EACH ROW EXECUTE FUNCTION questions_are_kept();
