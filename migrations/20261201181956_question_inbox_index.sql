DROP INDEX "questions_function_idx";--> statement-breakpoint
CREATE INDEX "questions_inbox_idx" ON "questions" USING btree ("function_id",coalesce("due_date", '9999-12-31'::date),"id") WHERE status in ('received', 'triaged', 'forwarded', 'in_progress', 'waiting');--> statement-breakpoint
CREATE INDEX "questions_function_idx" ON "questions" USING btree ("tenant_id","function_id","status");