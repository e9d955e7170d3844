ALTER TABLE "users" ADD COLUMN "credentials_changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "api_tokens_expires_idx" ON "api_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
-- Accounts that exist already: their epoch is their creation, so no session or token of theirs stops working.
UPDATE "users" SET "credentials_changed_at" = "created_at";
