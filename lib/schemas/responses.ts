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
  .extend({ updatedAt: isoTime })
  .meta({ id: 'Me', description: 'The signed-in person: PublicUser plus what only its owner sees.' });

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
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every error, with a fitting status.' });

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

export const usersPage = pageOf(publicUserSchema, 'PublicUserPage');
export const tokensPage = pageOf(tokenInfoSchema, 'TokenInfoPage');
export const conversationsPage = pageOf(conversationSchema, 'ConversationPage');
export const membersPage = pageOf(memberSchema, 'MemberPage');
export const historySchema = z.object({ items: z.array(messageSchema), hasMore: z.boolean() }).meta({ id: 'MessageHistory' });

export type PublicUser = z.infer<typeof publicUserSchema>;
export type Me = z.infer<typeof meSchema>;
export type Message = z.infer<typeof messageSchema>;
export type Member = z.infer<typeof memberSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type TokenInfo = z.infer<typeof tokenInfoSchema>;
