// The Socket.IO event catalogue: every event's payload and acknowledgement as a zod schema, and
// the Socket.IO types made from them. The server, the browser client, the OpenAPI document and the
// test suites' contract checks all read this one file, so an event cannot mean two things.
import { z } from 'zod';
import { id } from './common';
import { bodyOrFiles, clientId, draftBody, emoji, messageBody, sendMessageFields, seq } from './conversations';
import { conversationSchema, errorSchema, memberSchema, messageSchema, publicUserSchema, reactionSchema } from './responses';

const isoTime = z.iso.datetime({ offset: true });

/** An event's refusal: REST's error, and on `rate_limited` the seconds to wait (REST says it in `Retry-After`). */
const ackErrorSchema = errorSchema.shape.error.extend({
  retryAfter: z.number().int().positive().optional().meta({ description: 'rate_limited: seconds until the event may be sent again.' }),
});

/** `{ok: true, ...result}` or `{ok: false, error}`: the answer to every client event. */
const ack = <T extends z.ZodRawShape>(result: T) =>
  z.union([z.object({ ok: z.literal(true), ...result }), z.object({ ok: z.literal(false), error: ackErrorSchema })]);

export const messageAck = ack({ message: messageSchema }).meta({ id: 'MessageAck' });
export const emptyAck = ack({}).meta({ id: 'EmptyAck' });

const reactionEvent = z.object({ messageId: id, emoji }).meta({ id: 'ReactionEvent' });

/** Client → server: the payload each event must carry, and what its acknowledgement holds. */
export const clientEvents = {
  'message:send': {
    payload: z
      .object({ conversationId: id, ...sendMessageFields, clientId })
      .superRefine(bodyOrFiles)
      .meta({ id: 'SendMessageEvent' }),
    ack: messageAck,
    description: 'A resend with the same clientId acks the original.',
  },
  'message:edit': { payload: z.object({ messageId: id, body: messageBody }).meta({ id: 'EditMessageEvent' }), ack: messageAck },
  'message:delete': { payload: z.object({ messageId: id }).meta({ id: 'DeleteMessageEvent' }), ack: emptyAck },
  typing: {
    payload: z.object({ conversationId: id, typing: z.boolean() }).meta({ id: 'TypingEvent' }),
    ack: emptyAck,
    description: 'May be sent without a callback.',
  },
  'conversation:read': { payload: z.object({ conversationId: id, seq }).meta({ id: 'ReadEvent' }), ack: emptyAck },
  'reaction:add': {
    payload: reactionEvent,
    ack: messageAck,
    description: 'Idempotent. At most 20 different emoji on a message (409 beyond).',
  },
  'reaction:remove': { payload: reactionEvent, ack: messageAck, description: 'Idempotent.' },
  'draft:set': {
    payload: z.object({ conversationId: id, body: draftBody }).meta({ id: 'DraftEvent' }),
    ack: emptyAck,
    description: 'An empty body clears the draft.',
  },
} as const;

/** Server → client: each event's payload and who receives it. */
export const serverEvents = {
  'message:new': { payload: messageSchema, to: 'every connected socket of every member, the sender’s other tabs included' },
  'message:updated': { payload: messageSchema, to: 'members' },
  'message:deleted': {
    payload: z.object({ id: z.string(), conversationId: z.string(), seq: z.number().int().min(1) }).meta({ id: 'MessageDeletedEvent' }),
    to: 'members',
  },
  typing: { payload: z.object({ conversationId: z.string(), userId: z.string(), typing: z.boolean() }).meta({ id: 'TypingNotice' }), to: 'the other members' },
  'conversation:updated': {
    payload: conversationSchema,
    to: 'the members of a conversation just created, and each person added to a group (the whole conversation, once); your own sockets when your notification level changes',
  },
  'conversation:changed': {
    payload: z.object({ conversationId: z.string(), title: z.string().nullable(), updatedAt: isoTime }).meta({ id: 'ConversationChangedEvent' }),
    to: 'members, when a group is renamed',
  },
  'conversation:removed': { payload: z.object({ conversationId: z.string() }).meta({ id: 'ConversationRemovedEvent' }), to: 'a user who left or was removed' },
  'member:added': {
    payload: z.object({ conversationId: z.string(), members: z.array(memberSchema), updatedAt: isoTime }).meta({ id: 'MembersAddedEvent' }),
    to: 'the members who were already there, when people are added to a group',
  },
  'member:removed': {
    payload: z.object({ conversationId: z.string(), userId: z.string(), updatedAt: isoTime }).meta({ id: 'MemberRemovedEvent' }),
    to: 'the remaining members, when someone leaves, is removed, or deletes their account',
  },
  'member:updated': {
    payload: z.object({ conversationId: z.string(), userId: z.string(), role: memberSchema.shape.role, updatedAt: isoTime }).meta({ id: 'MemberUpdatedEvent' }),
    to: 'members, when a role changes (also when ownership passes on)',
  },
  read: { payload: z.object({ conversationId: z.string(), userId: z.string(), seq: z.number().int().min(0) }).meta({ id: 'ReadNotice' }), to: 'the members' },
  presence: {
    payload: z.object({ userId: z.string(), online: z.boolean(), lastSeenAt: isoTime.nullable() }).meta({ id: 'PresenceEvent' }),
    to: 'users who share a conversation with that user',
  },
  'message:reactions': {
    payload: z.object({ conversationId: z.string(), messageId: z.string(), reactions: z.array(reactionSchema) }).meta({ id: 'MessageReactionsEvent' }),
    to: 'members, when someone reacts or takes a reaction back',
  },
  'draft:updated': {
    payload: z.object({ conversationId: z.string(), body: z.string(), updatedAt: isoTime }).meta({ id: 'DraftUpdatedEvent' }),
    to: 'every socket of the user whose draft it is (a cleared draft, also by a send, has body "")',
  },
  notification: {
    payload: z
      .object({
        conversationId: z.string(),
        messageId: z.string().meta({ description: 'The (latest) message it is about.' }),
        seq: z.number().int().min(1),
        title: z.string().meta({ description: 'The group’s title, or the sender’s name in a direct conversation.' }),
        body: z.string().meta({ description: 'The message as plain text, at most 200 characters; "N new messages" when it stands for several.' }),
        mention: z.boolean().meta({ description: 'It mentions you (everything in a direct conversation does).' }),
        count: z.number().int().min(1).meta({ description: 'How many messages it stands for: a burst in one conversation is one notification.' }),
        icon: z.string().nullable().meta({ description: 'The sender’s avatar path, or null.' }),
      })
      .meta({ id: 'NotificationEvent' }),
    to: 'every socket of a member whose level lets the message through (never its sender, nobody in do not disturb); the page decides whether to show a browser notification',
  },
  'user:updated': {
    payload: publicUserSchema,
    to: 'users who share a conversation with that user, and that user’s own sockets, when a profile or avatar changes',
  },
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ServerEventName = keyof typeof serverEvents;
export type ClientPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]['payload']>;
export type ClientAck<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]['ack']>;
export type ServerPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]['payload']>;

/** What a client may emit. The server still parses every payload: a client can send anything. */
export type ClientToServerEvents = { [E in ClientEventName]: (payload: ClientPayload<E>, ack?: (reply: ClientAck<E>) => void) => void };
export type ServerToClientEvents = { [E in ServerEventName]: (payload: ServerPayload<E>) => void };
export type InterServerEvents = Record<string, never>;
