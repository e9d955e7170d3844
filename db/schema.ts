// The one Drizzle schema: accounts, sessions and tokens, conversations and their messages.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const stamped = (name: string) => time(name).notNull().defaultNow();
const createdAt = () => stamped('created_at');

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    bio: text('bio').notNull().default(''),
    avatarUrl: text('avatar_url'),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    updatedAt: stamped('updated_at'),
    lastSeenAt: time('last_seen_at'),
    /**
     * The credential epoch: when the password last changed. Sessions and tokens created before it
     * do not work. Millisecond precision, so the value read with a password check compares equal
     * when the session is written (lib/auth/sessions.ts).
     */
    credentialsChangedAt: timestamp('credentials_changed_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow(),
    /** The verified address (unique, ignoring case); a new one waits in `pendingEmail` until its link is opened. */
    email: text('email'),
    emailVerifiedAt: time('email_verified_at'),
    pendingEmail: text('pending_email'),
    /** Whether missed-message emails go out (an unsubscribe link turns it off without signing in). */
    emailNotifications: boolean('email_notifications').notNull().default(true),
    /** Do not disturb until then ('infinity': until switched off); null or past: off. */
    dndUntil: time('dnd_until'),
  },
  (t) => [
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    uniqueIndex('users_email_lower_key')
      .on(sql`lower(${t.email})`)
      .where(sql`${t.email} is not null`),
    check('users_email_verified_check', sql`(${t.email} is null) = (${t.emailVerifiedAt} is null)`),
  ],
);

export const sessionKind = pgEnum('session_kind', ['browser', 'api']);

/** A browser session (named by the JWT cookie) or a script's sign-in token (stored as a hash). */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: sessionKind('kind').notNull(),
    tokenHash: text('token_hash').unique(),
    createdAt: createdAt(),
    lastUsedAt: stamped('last_used_at'),
    expiresAt: time('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Personal access tokens for scripts and bots: shown once, stored as a hash. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: time('last_used_at'),
    expiresAt: time('expires_at'),
  },
  (t) => [index('api_tokens_user_created_idx').on(t.userId, t.createdAt, t.id), index('api_tokens_expires_idx').on(t.expiresAt)],
);

export const conversationType = pgEnum('conversation_type', ['direct', 'group']);
export const memberRole = pgEnum('member_role', ['owner', 'admin', 'member']);
export const notifyLevel = pgEnum('notify_level', ['all', 'mentions', 'none']);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: conversationType('type').notNull(),
    title: text('title'),
    /** For a direct conversation: the two user ids, sorted and joined, so the pair is unique. */
    directKey: text('direct_key').unique(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: stamped('updated_at'),
  },
  (t) => [
    index('conversations_updated_idx').on(t.updatedAt, t.id),
    check('conversations_direct_key_check', sql`(${t.type} = 'direct') = (${t.directKey} is not null)`),
  ],
);

export const conversationMembers = pgTable(
  'conversation_members',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull().default('member'),
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    /** Which messages notify this member; set when they join (lib/notifications/levels.ts). */
    notify: notifyLevel('notify').notNull().default('all'),
    joinedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('members_user_idx').on(t.userId)],
);

/** Messages outlive their author: the sender becomes null when the account is deleted. */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    senderId: uuid('sender_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body'),
    clientId: text('client_id'),
    createdAt: createdAt(),
    editedAt: time('edited_at'),
    deletedAt: time('deleted_at'),
    /** The message this one answers, in the same conversation (checked on send). */
    replyToId: uuid('reply_to_id').references((): AnyPgColumn => messages.id, { onDelete: 'set null' }),
    /** The members the body mentions, resolved on send and on edit. */
    mentions: uuid('mentions')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_key').on(t.conversationId, t.seq),
    uniqueIndex('messages_sender_client_key').on(t.senderId, t.clientId),
    /** For ON DELETE SET NULL of the messages a deleted one was quoted by (a group's deletion cascades through all). */
    index('messages_reply_to_idx')
      .on(t.replyToId)
      .where(sql`${t.replyToId} is not null`),
    check('messages_seq_positive', sql`${t.seq} > 0`),
  ],
);

/**
 * An uploaded file. Visible to its uploader alone until a message claims it (`message_id` and
 * `attached_at` are set in the send's own transaction), then to the members of that message's
 * conversation. A row exists only once its bytes (and thumbnail) are in storage. When the
 * message is deleted, or its conversation goes, the sweep removes the objects and then the row.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    uploaderId: uuid('uploader_id').references(() => users.id, { onDelete: 'set null' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    /** Its place among the message's files. */
    position: smallint('position').notNull().default(0),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    width: integer('width'),
    height: integer('height'),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key'),
    createdAt: createdAt(),
    attachedAt: time('attached_at'),
  },
  (t) => [
    index('attachments_message_idx').on(t.messageId, t.position),
    index('attachments_uploader_idx').on(t.uploaderId),
    /** What the sweep looks for: uploads never attached, and files whose message went. */
    index('attachments_unattached_idx')
      .on(t.createdAt)
      .where(sql`${t.attachedAt} is null`),
    index('attachments_detached_idx')
      .on(t.attachedAt)
      .where(sql`${t.attachedAt} is not null and ${t.messageId} is null`),
    check('attachments_attached_check', sql`${t.messageId} is null or ${t.attachedAt} is not null`),
  ],
);

/** One person's reaction to a message: one row per (message, emoji, person). */
export const messageReactions = pgTable(
  'message_reactions',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.emoji, t.userId] }), index('message_reactions_user_idx').on(t.userId)],
);

/** What a member last typed in a conversation and did not send; it goes with the membership. */
export const drafts = pgTable(
  'drafts',
  {
    conversationId: uuid('conversation_id').notNull(),
    userId: uuid('user_id').notNull(),
    body: text('body').notNull(),
    updatedAt: stamped('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.conversationId] }),
    foreignKey({
      name: 'drafts_membership_fk',
      columns: [t.conversationId, t.userId],
      foreignColumns: [conversationMembers.conversationId, conversationMembers.userId],
    }).onDelete('cascade'),
  ],
);

/**
 * A browser's Web Push subscription. It belongs to the session (or token) that registered it, so
 * signing out of that browser stops its pushes; an endpoint is one browser profile, so registering
 * it again moves it to the new owner.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    tokenId: uuid('token_id').references(() => apiTokens.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

export const emailTokenPurpose = pgEnum('email_token_purpose', ['verify_email', 'reset_password']);

/** A link sent by email (or handed out by an admin): stored as a hash, single use, short-lived. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: emailTokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** verify_email: the address being verified. */
    email: text('email'),
    createdAt: createdAt(),
    expiresAt: time('expires_at').notNull(),
    usedAt: time('used_at'),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId, t.purpose), index('email_tokens_expires_idx').on(t.expiresAt)],
);

/**
 * A missed-messages email that is owed: opened by the first message that notified someone with a
 * verified address, due a few minutes later (EMAIL_NOTIFY_AFTER_MINUTES). The digest job takes
 * each due row once and writes one email about what is still unread since `since`.
 */
export const emailDigests = pgTable(
  'email_digests',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    since: time('since').notNull(),
    dueAt: time('due_at').notNull(),
  },
  (t) => [index('email_digests_due_idx').on(t.dueAt)],
);

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
