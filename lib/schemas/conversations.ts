// Request and event schemas for conversations and messages, shared by REST, sockets and the UI.
import { z } from 'zod';
import { id, listQuery, nameLine, prose, text, visibleOrEmpty } from './common';

export const MAX_GROUP_MEMBERS = 1000;
export const MAX_BODY = 4000;

export const title = nameLine().trim().min(1, 'Enter a title.').max(100, 'Use at most 100 characters.').refine(visibleOrEmpty, 'Enter a title.');

/** Stored as written (not trimmed), once normalised; a body with nothing visible in it is refused. */
export const messageBody = prose()
  .max(MAX_BODY, `Use at most ${MAX_BODY.toLocaleString('en')} characters.`)
  .refine((s) => s !== '' && visibleOrEmpty(s), 'Write something first.');

export const clientId = text().min(1).max(64);

export const createConversationInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('direct'), userId: id }),
  z.object({
    type: z.literal('group'),
    title,
    memberIds: z
      .array(id)
      .max(MAX_GROUP_MEMBERS - 1, `A group has at most ${MAX_GROUP_MEMBERS} members.`)
      .default([]),
  }),
]);

export const renameInput = z.object({ title });
export const addMembersInput = z.object({
  userIds: z
    .array(id)
    .min(1)
    .max(MAX_GROUP_MEMBERS - 1),
});
export const setRoleInput = z.object({ role: z.enum(['admin', 'member']) });
export const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const markReadInput = z.object({ seq });

export const membersQuery = listQuery;

export const historyQuery = z
  .object({
    before: z.coerce.number().int().min(1).optional(),
    after: z.coerce.number().int().min(0).optional(),
    around: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => [q.before, q.after, q.around].filter((v) => v !== undefined).length <= 1, {
    message: 'Give one of before, after or around.',
    path: ['around'],
  });

/** At most this many files in one message. */
export const MAX_ATTACHMENTS = 10;

export const attachmentIds = z
  .array(id)
  .max(MAX_ATTACHMENTS, `Attach at most ${MAX_ATTACHMENTS} files to one message.`)
  .refine((ids) => new Set(ids).size === ids.length, 'Attach each file once.');

/** A send's body may be empty when files are attached: the message needs one or the other. */
const optionalBody = prose().max(MAX_BODY, `Use at most ${MAX_BODY.toLocaleString('en')} characters.`);

/** Refines a send: a non-blank body, or at least one attachment. */
export function bodyOrFiles<T extends { body: string; attachmentIds: string[] }>(v: T, ctx: z.RefinementCtx) {
  const blank = !(v.body !== '' && visibleOrEmpty(v.body));
  if (blank && v.attachmentIds.length === 0) ctx.addIssue({ code: 'custom', path: ['body'], message: 'Write something first.' });
}

export const sendMessageFields = {
  body: optionalBody.default(''),
  clientId: clientId.optional(),
  attachmentIds: attachmentIds.default([]).meta({ description: 'Your own uploads not yet attached (POST /api/uploads), in the order to show them.' }),
  replyToId: id.optional().meta({ description: 'A message of the same conversation this one answers.' }),
};
export const sendMessageInput = z.object(sendMessageFields).superRefine(bodyOrFiles);
export const editMessageInput = z.object({ body: messageBody });

/** Exactly one Unicode emoji (an RGI emoji grapheme: 👍, 👍🏽, 🧑‍💻, 🇫🇷), at most 32 code units. */
const oneEmoji = new RegExp('^\\p{RGI_Emoji}$', 'v'); // the v flag: RGI_Emoji is a property of strings
export const emoji = z
  .string()
  .max(32, 'Use one emoji.')
  .refine((s) => oneEmoji.test(s), 'Use exactly one emoji.')
  .meta({ description: 'One Unicode emoji grapheme (percent-encoded UTF-8 in a path).' });

/** At most this many different emoji on one message. */
export const MAX_REACTIONS = 20;

/** A draft: what is being written, up to a message's length; empty clears it. */
export const draftBody = prose().max(MAX_BODY, `Use at most ${MAX_BODY.toLocaleString('en')} characters.`);
export const draftInput = z.object({ body: draftBody });

export type CreateConversationInput = z.infer<typeof createConversationInput>;
export type HistoryQuery = z.infer<typeof historyQuery>;
