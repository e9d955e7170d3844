CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"uploader_id" uuid,
	"message_id" uuid,
	"position" smallint DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"width" integer,
	"height" integer,
	"storage_key" text NOT NULL,
	"thumbnail_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attached_at" timestamp with time zone,
	CONSTRAINT "attachments_attached_check" CHECK ("attachments"."message_id" is null or "attachments"."attached_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_message_idx" ON "attachments" USING btree ("message_id","position");--> statement-breakpoint
CREATE INDEX "attachments_uploader_idx" ON "attachments" USING btree ("uploader_id");--> statement-breakpoint
CREATE INDEX "attachments_unattached_idx" ON "attachments" USING btree ("created_at") WHERE "attachments"."attached_at" is null;--> statement-breakpoint
CREATE INDEX "attachments_detached_idx" ON "attachments" USING btree ("attached_at") WHERE "attachments"."attached_at" is not null and "attachments"."message_id" is null;--> statement-breakpoint
-- Avatars are files on this server now: a remote URL would tell its host who reads what.
UPDATE "users" SET "avatar_url" = NULL WHERE "avatar_url" IS NOT NULL AND "avatar_url" NOT LIKE '/api/users/%';--> statement-breakpoint
-- A send claims its attachments in its own statement; when one of them is not the sender's own
-- unattached upload, this fails the statement (and so the transaction), with its own code.
CREATE FUNCTION relay_expect_attachments(expected integer, claimed bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF claimed <> expected THEN
    RAISE EXCEPTION 'attachments not claimable: % of %', claimed, expected USING ERRCODE = 'RL001';
  END IF;
  RETURN true;
END $$;
