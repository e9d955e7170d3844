CREATE TABLE "drafts" (
	"conversation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drafts_user_id_conversation_id_pk" PRIMARY KEY("user_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "message_reactions" (
	"message_id" uuid NOT NULL,
	"emoji" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_reactions_message_id_emoji_user_id_pk" PRIMARY KEY("message_id","emoji","user_id")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_to_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "mentions" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_membership_fk" FOREIGN KEY ("conversation_id","user_id") REFERENCES "public"."conversation_members"("conversation_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reactions" ADD CONSTRAINT "message_reactions_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reactions" ADD CONSTRAINT "message_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_reactions_user_idx" ON "message_reactions" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_reply_to_id_messages_id_fk" FOREIGN KEY ("reply_to_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_reply_to_idx" ON "messages" USING btree ("reply_to_id") WHERE "messages"."reply_to_id" is not null;--> statement-breakpoint
-- A send names the message it answers by id: it must be a message of the same conversation, or
-- the whole send fails (SQLSTATE RL002, a 400), like a file that is not the sender's own.
-- (Not `found`: that is PL/pgSQL's own variable.)
CREATE FUNCTION relay_expect_reply(wanted_id uuid, found_id uuid) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF wanted_id IS NOT NULL AND found_id IS NULL THEN
    RAISE EXCEPTION 'the message replied to is not in this conversation' USING ERRCODE = 'RL002';
  END IF;
  RETURN true;
END $$;
--> statement-breakpoint
-- A direct conversation whose other person deleted their account is read-only: a send there fails
-- whole (SQLSTATE RL003, a 403) instead of talking to no one.
CREATE FUNCTION relay_expect_peer(conversation_type conversation_type, member_count bigint) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF conversation_type = 'direct' AND member_count < 2 THEN
    RAISE EXCEPTION 'the other person of this direct conversation deleted their account' USING ERRCODE = 'RL003';
  END IF;
  RETURN true;
END $$;
