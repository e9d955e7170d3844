// The shapes the API answers with, as zod schemas: the OpenAPI document is generated from them,
// the TypeScript types of lib/ are inferred from them, and the contract tests check every
// response the suites receive against the document.
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const publicUserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    bio: z.string(),
    avatarUrl: z.string().nullable(),
    createdAt: isoTime,
    online: z.boolean(),
    lastSeenAt: isoTime.nullable(),
  })
  .meta({ id: 'PublicUser', description: 'A person as everyone signed in sees them.' });

export const meSchema = publicUserSchema
  .extend({
    updatedAt: isoTime,
    email: z.email().nullable().meta({ description: 'Your verified email address.' }),
    pendingEmail: z.email().nullable().meta({ description: 'An address waiting for you to open the link sent to it.' }),
    emailNotifications: z.boolean().meta({ description: 'Whether missed-message emails go to your verified address.' }),
    dnd: z.boolean().meta({ description: 'Do not disturb is on now: no notification reaches you (badges still count).' }),
    dndUntil: isoTime.nullable().meta({ description: 'When do not disturb ends; null while it is off or on until you switch it off.' }),
  })
  .meta({ id: 'Me', description: 'The signed-in person: PublicUser plus what only its owner sees.' });

export const attachmentSchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ description: 'The file name, sanitised: no path separators, control or bidi characters.' }),
    contentType: z.string().meta({ description: 'Sniffed from the bytes, never taken from the client.' }),
    size: z.number().int().min(0).meta({ description: 'Bytes, as served (EXIF stripped from images).' }),
    width: z.number().int().positive().nullable().meta({ description: 'Images only, as displayed (EXIF orientation applied).' }),
    height: z.number().int().positive().nullable(),
    url: z.string().meta({ description: '`/api/attachments/:id`' }),
    thumbnailUrl: z.string().nullable().meta({ description: '`/api/attachments/:id/thumbnail`, a WebP at most 480 px; images only.' }),
  })
  .meta({ id: 'Attachment', description: 'A file, uploaded and (once sent) part of a message.' });

export const reactionSchema = z
  .object({
    emoji: z.string().meta({ description: 'One Unicode emoji grapheme, e.g. 👍, 👍🏽 or 🧑‍💻.' }),
    count: z.number().int().min(1),
    userIds: z.array(z.string()).meta({ description: 'Who reacted, in the order they did.' }),
  })
  .meta({ id: 'Reaction' });

export const replyToSchema = z
  .object({
    id: z.string(),
    seq: z.number().int().min(1),
    sender: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable(),
    body: z.string().nullable().meta({ description: 'Its first 200 characters (code points, no ellipsis); null once deleted.' }),
    deletedAt: isoTime.nullable(),
  })
  .meta({ id: 'ReplyTo', description: 'The quoted message of a reply.' });

export const draftSchema = z
  .object({ body: z.string(), updatedAt: isoTime })
  .meta({ id: 'Draft', description: 'What you last typed in a conversation and did not send; it follows you to every device.' });

export const messageSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    seq: z.number().int().min(1).meta({ description: 'Counts 1, 2, 3 … inside its conversation with no gaps, in the order the server accepted the messages.' }),
    sender: z
      .object({ id: z.string(), username: z.string(), displayName: z.string(), avatarUrl: z.string().nullable() })
      .nullable()
      .meta({ description: 'null once its author deleted their account.' }),
    body: z.string().nullable().meta({ description: 'null once deleted.' }),
    clientId: z.string().nullable(),
    createdAt: isoTime,
    editedAt: isoTime.nullable(),
    deletedAt: isoTime.nullable(),
    attachments: z.array(attachmentSchema).meta({ description: 'In the order the sender attached them; empty once deleted.' }),
    reactions: z.array(reactionSchema).meta({ description: 'By first use; after a removal, by the earliest remaining reaction. Empty once deleted.' }),
    replyTo: replyToSchema.nullable().meta({ description: 'The message this one answers, as it is now.' }),
    mentions: z
      .array(z.string())
      .meta({ description: 'The ids of the members the body mentions (`@username`, `@all` in a group), resolved when it was sent or last edited.' }),
  })
  .meta({ id: 'Message' });

export const memberSchema = z
  .object({
    user: publicUserSchema,
    role: z.enum(['owner', 'admin', 'member']),
    lastReadSeq: z.number().int().min(0),
    joinedAt: isoTime,
  })
  .meta({ id: 'Member' });

export const conversationSchema = z
  .object({
    id: z.string(),
    type: z.enum(['direct', 'group']),
    title: z.string().nullable().meta({ description: 'null for a direct conversation; clients show the other person’s name.' }),
    members: z.array(memberSchema),
    lastSeq: z.number().int().min(0),
    lastMessage: messageSchema.nullable(),
    unreadCount: z.number().int().min(0),
    unreadMentions: z.number().int().min(0).meta({ description: 'Messages after your read marker that mention you.' }),
    draft: draftSchema.nullable().meta({ description: 'Yours.' }),
    notify: z.enum(['all', 'mentions', 'none']).meta({
      description:
        'Which messages notify you: all, only those that mention you, or none (muted). Set when you join: all in direct conversations and groups up to 50 members, else mentions.',
    }),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Conversation' });

export const tokenInfoSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: isoTime, lastUsedAt: isoTime.nullable(), expiresAt: isoTime.nullable() })
  .meta({ id: 'TokenInfo', description: 'A personal access token, without its secret.' });

export const createdTokenSchema = tokenInfoSchema
  .extend({ token: z.string().meta({ description: 'The secret. Shown this once; only its hash is stored.' }) })
  .meta({ id: 'CreatedToken' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        'invalid_json',
        'validation_failed',
        'unauthenticated',
        'forbidden',
        'not_found',
        'method_not_allowed',
        'conflict',
        'payload_too_large',
        'unsupported_media_type',
        'rate_limited',
        'unavailable',
        'internal',
      ]),
      message: z.string(),
      details: z
        .union([
          z.array(z.object({ path: z.string(), message: z.string() })).meta({ description: 'validation_failed: what is wrong where.' }),
          z.object({ limit: z.number().int() }).meta({ description: 'payload_too_large from an upload: the limit in bytes.' }),
        ])
        .optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every error, with a fitting status.' });

export const serverInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    registration: z.enum(['open', 'invite', 'closed']),
    limits: z.object({
      uploadBytes: z.number().int().positive().meta({ description: 'The largest file `POST /api/uploads` takes.' }),
      avatarBytes: z.number().int().positive().meta({ description: 'The largest image `PUT /api/users/me/avatar` takes.' }),
      attachmentsPerMessage: z.number().int().positive(),
      messageLength: z.number().int().positive(),
      groupMembers: z.number().int().positive(),
    }),
    push: z
      .object({ vapidPublicKey: z.string().meta({ description: 'The VAPID public key (base64url), the applicationServerKey of pushManager.subscribe.' }) })
      .nullable()
      .meta({ description: 'null while Web Push is not available.' }),
    email: z
      .boolean()
      .meta({ description: 'Whether this instance sends email (verification, password reset, missed messages); false hides every email feature.' }),
  })
  .meta({ id: 'ServerInfo', description: 'What a client needs to know before it sends: limits and features.' });
export type ServerInfo = z.infer<typeof serverInfoSchema>;

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

export const usersPage = pageOf(publicUserSchema, 'PublicUserPage');
export const tokensPage = pageOf(tokenInfoSchema, 'TokenInfoPage');
export const conversationsPage = pageOf(conversationSchema, 'ConversationPage');
export const membersPage = pageOf(memberSchema, 'MemberPage');
export const historySchema = z.object({ items: z.array(messageSchema), hasMore: z.boolean() }).meta({ id: 'MessageHistory' });
export const aroundSchema = z
  .object({ items: z.array(messageSchema), hasMoreBefore: z.boolean(), hasMoreAfter: z.boolean() })
  .meta({ id: 'MessageWindow', description: 'History around one message (`?around=`).' });

export type PublicUser = z.infer<typeof publicUserSchema>;
export type Me = z.infer<typeof meSchema>;
export type Message = z.infer<typeof messageSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type Reaction = z.infer<typeof reactionSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type Member = z.infer<typeof memberSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type TokenInfo = z.infer<typeof tokenInfoSchema>;
