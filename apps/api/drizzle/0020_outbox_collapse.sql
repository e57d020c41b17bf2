ALTER TABLE "email_outbox" ADD COLUMN "not_before" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "collapse_key" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "collapse_data" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_collapse_key" ON "email_outbox" USING btree ("collapse_key","to_address") WHERE "email_outbox"."collapse_key" is not null and "email_outbox"."status" = 'pending' and "email_outbox"."queued_at" is null;