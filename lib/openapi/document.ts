// The OpenAPI 3.1 document of the REST API and the Socket.IO events, generated from the same zod
// schemas that validate requests and describe responses, so it cannot drift from the code.
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { id, listQuery } from '@/lib/schemas/common';
import {
  addMembersInput,
  createConversationInput,
  draftInput,
  editMessageInput,
  emoji,
  historyQuery,
  markReadInput,
  membersQuery,
  renameInput,
  sendMessageInput,
  setRoleInput,
} from '@/lib/schemas/conversations';
import { clientEvents, serverEvents } from '@/lib/schemas/events';
import {
  conversationSchema,
  conversationsPage,
  createdTokenSchema,
  errorSchema,
  aroundSchema,
  historySchema,
  meSchema,
  membersPage,
  messageSchema,
  publicUserSchema,
  serverInfoSchema,
  attachmentSchema,
  tokensPage,
  usersPage,
} from '@/lib/schemas/responses';
import { notifyInput, pushSubscriptionInput, pushUnsubscribeInput } from '@/lib/schemas/notifications';
import { createTokenInput } from '@/lib/schemas/tokens';
import { changePasswordInput, deleteAccountInput, registerInput, searchUsersQuery, signInInput, updateProfileInput } from '@/lib/schemas/users';

type Status = 200 | 201 | 204 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 416 | 429 | 500 | 503;

const errorText: Partial<Record<Status, string>> = {
  400: 'The body or query does not parse (`invalid_json`) or fails the schema (`validation_failed`, with `details`).',
  401: 'No valid session or token, or it was revoked (`unauthenticated`).',
  403: 'Authenticated but not allowed, or a cookie-authenticated write from another origin (`forbidden`).',
  404: 'It does not exist, or the caller may not know it exists (`not_found`).',
  409: 'It conflicts with what exists (`conflict`).',
  413: 'The body is over its limit (`payload_too_large`): 64 KiB of JSON, or a file over `limits.uploadBytes` (then `details: {limit}` in bytes).',
  416: 'The `Range` cannot be satisfied; `Content-Range: bytes */SIZE`.',
  415: 'The body is not `application/json` (`unsupported_media_type`).',
  429: 'Too many requests (`rate_limited`); see `Retry-After` and the `RateLimit-*` headers.',
  500: 'Something went wrong on our side (`internal`); details go to the server log only.',
  503: 'Briefly unavailable (`unavailable`): the database is not answering, or too many sign-ins are being checked at once; try again after `Retry-After` seconds.',
};

const rateLimitHeaders = z.object({
  'Retry-After': z.string().meta({ description: 'Seconds to wait (on 429).' }),
  'RateLimit-Limit': z.string().meta({ description: 'Requests allowed in the window.' }),
  'RateLimit-Remaining': z.string().meta({ description: 'Requests left in the window.' }),
  'RateLimit-Reset': z.string().meta({ description: 'Seconds until the window resets.' }),
});

type Op = {
  tag: string;
  summary: string;
  description?: string;
  /** Whether a session or token is needed (default true). */
  auth?: boolean;
  path?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  example?: unknown;
  ok: Partial<Record<200 | 201 | 204 | 206 | 304 | 503, { description: string; schema?: z.ZodType; binary?: string[] }>>;
  errors?: Status[];
  rateLimited?: boolean;
  /** The body is a file: multipart/form-data (a part named `file`) or raw bytes. */
  upload?: boolean;
};

const fileBody = {
  required: true,
  content: {
    'multipart/form-data': { schema: z.object({ file: z.string().meta({ format: 'binary', description: 'The file (one part named `file`).' }) }) },
    'application/octet-stream': { schema: z.string().meta({ format: 'binary', description: 'The raw bytes, any Content-Type: the type is sniffed.' }) },
  },
};
const binary = z.string().meta({ format: 'binary' });

function op(o: Op): ZodOpenApiOperationObject {
  const auth = o.auth !== false;
  const statuses = new Set<Status>(o.errors ?? []);
  if (auth) statuses.add(401);
  if (o.body || o.query) statuses.add(400);
  if (o.body) {
    statuses.add(413);
    statuses.add(415);
  }
  if (o.upload) {
    statuses.add(400);
    statuses.add(413);
  }
  // The edge refuses any request under /api with a body over its limit.
  statuses.add(413);
  if (o.rateLimited) statuses.add(429);
  statuses.add(500);
  statuses.add(503);
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(o.ok)) {
    const content = r.binary
      ? Object.fromEntries(r.binary.map((type) => [type, { schema: binary }]))
      : r.schema
        ? { 'application/json': { schema: r.schema } }
        : undefined;
    responses[status] = { description: r.description, ...(content ? { content } : {}) };
  }
  for (const status of [...statuses].sort()) {
    responses[String(status)] = {
      description: errorText[status] ?? 'Error',
      ...(status === 416 ? {} : { content: { 'application/json': { schema: errorSchema } } }),
      ...(status === 429 ? { headers: rateLimitHeaders } : {}),
    };
  }
  return {
    tags: [o.tag],
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    ...(auth ? {} : { security: [] }),
    ...(o.path || o.query ? { requestParams: { ...(o.path ? { path: o.path } : {}), ...(o.query ? { query: o.query as z.ZodObject } : {}) } } : {}),
    ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: o.body, ...(o.example ? { example: o.example } : {}) } } } } : {}),
    ...(o.upload ? { requestBody: fileBody } : {}),
    responses: responses as ZodOpenApiOperationObject['responses'],
  };
}

const idParam = (name: string, what: string) => z.object({ [name]: id.meta({ description: `The ${what}'s id.` }) });
const conversationPath = idParam('id', 'conversation');
const reactionPath = idParam('id', 'message').extend({ emoji });
const wrap = <K extends string>(key: K, schema: z.ZodType) => z.object({ [key]: schema } as Record<K, z.ZodType>);

export const paths: ZodOpenApiPathsObject = {
  '/api/auth/register': {
    post: op({
      tag: 'Account',
      summary: 'Create an account',
      auth: false,
      body: registerInput,
      example: { username: 'ada', password: 'correct horse battery', displayName: 'Ada Lovelace' },
      ok: { 201: { description: 'Created.', schema: wrap('user', meSchema) } },
      errors: [409],
      rateLimited: true,
    }),
  },
  '/api/auth/token': {
    post: op({
      tag: 'Account',
      summary: 'Sign in as a script: get a bearer token',
      description: 'A wrong username and a wrong password get the same 401, in the same time.',
      auth: false,
      body: signInInput,
      example: { username: 'ada', password: 'correct horse battery' },
      ok: { 200: { description: 'Signed in.', schema: z.object({ token: z.string(), expiresAt: z.iso.datetime({ offset: true }), user: meSchema }) } },
      errors: [401],
      rateLimited: true,
    }),
  },
  '/api/auth/logout': {
    post: op({
      tag: 'Account',
      summary: 'Revoke the session or token making this request',
      ok: { 204: { description: 'Revoked; its sockets are disconnected.' } },
      errors: [403],
    }),
  },
  '/api/users/me': {
    get: op({ tag: 'Account', summary: 'Who am I', ok: { 200: { description: 'You.', schema: wrap('user', meSchema) } } }),
    patch: op({
      tag: 'Account',
      summary: 'Edit your profile and settings',
      description:
        'Profile fields (`displayName`, `bio`, `avatarUrl: null`) are announced to your contacts as `user:updated`. Your settings are yours alone: `dnd: true` is do not disturb until you switch it off, `dnd: false` switches it off, `dndUntil` sets it until a time (at most a year ahead; not together with `dnd`); `emailNotifications` turns missed-message emails on or off.',
      body: updateProfileInput,
      example: { displayName: 'Ada', bio: 'Analytical engines.' },
      ok: { 200: { description: 'Updated.', schema: wrap('user', meSchema) } },
      errors: [403],
    }),
    delete: op({
      tag: 'Account',
      summary: 'Delete your account',
      description:
        'Sessions, tokens and memberships go; messages stay with `sender: null`; the username becomes free. Refused (403 `forbidden`) to a request authenticated by a personal access token.',
      body: deleteAccountInput,
      ok: { 204: { description: 'Deleted.' } },
      errors: [403],
    }),
  },
  '/api/users/me/avatar': {
    put: op({
      tag: 'Account',
      summary: 'Upload your avatar',
      description:
        'An image (JPEG, PNG, WebP, GIF or AVIF) up to `limits.avatarBytes` (5 MiB), as multipart (a part named `file`) or the raw body. Stored as a 256 px square WebP, centre-cropped; `avatarUrl` becomes `/api/users/:id/avatar?v=…` and everyone who shares a conversation with you gets `user:updated`. Not an image we can read: 400.',
      upload: true,
      ok: { 200: { description: 'Your profile with the new avatar.', schema: wrap('user', meSchema) } },
      rateLimited: true,
    }),
    delete: op({
      tag: 'Account',
      summary: 'Remove your avatar',
      ok: { 200: { description: 'Your profile without an avatar.', schema: wrap('user', meSchema) } },
      errors: [403],
      rateLimited: true,
    }),
  },
  '/api/users/me/password': {
    put: op({
      tag: 'Account',
      summary: 'Change your password',
      description:
        'Revokes every other session and every personal access token, at once, and disconnects their sockets; the session making the change stays signed in. Refused (403 `forbidden`) to a request authenticated by a personal access token.',
      body: changePasswordInput,
      example: { currentPassword: 'correct horse battery', newPassword: 'a much better secret' },
      ok: { 204: { description: 'Changed.' } },
      errors: [403],
    }),
  },
  '/api/users': {
    get: op({
      tag: 'People',
      summary: 'Find people',
      description: 'By username or display name, case-insensitive substring; without `q`, everyone, by username.',
      query: listQuery.extend(searchUsersQuery.shape),
      ok: { 200: { description: 'A page of people.', schema: usersPage } },
    }),
  },
  '/api/users/{id}': {
    get: op({
      tag: 'People',
      summary: 'One person',
      path: idParam('id', 'user'),
      ok: { 200: { description: 'The person.', schema: wrap('user', publicUserSchema) } },
      errors: [404],
    }),
  },
  '/api/tokens': {
    get: op({ tag: 'Tokens', summary: 'Your personal access tokens', query: listQuery, ok: { 200: { description: 'Newest first.', schema: tokensPage } } }),
    post: op({
      tag: 'Tokens',
      summary: 'Create a personal access token',
      description:
        'Needs your current password (a wrong one is a 400 on `password`). Refused (403 `forbidden`) to a request authenticated by a personal access token: a leaked token must not mint more. Without `expiresInDays` the token never expires.',
      body: createTokenInput,
      example: { name: 'deploy bot', expiresInDays: 90, password: 'correct horse battery' },
      ok: { 201: { description: 'Created; the secret is in `token`, shown this once.', schema: createdTokenSchema } },
      errors: [403],
      rateLimited: true,
    }),
  },
  '/api/tokens/{id}': {
    delete: op({
      tag: 'Tokens',
      summary: 'Revoke a token',
      path: idParam('id', 'token'),
      ok: { 204: { description: 'Revoked at once.' } },
      errors: [403, 404],
    }),
  },
  '/api/conversations': {
    get: op({
      tag: 'Conversations',
      summary: 'Your conversations, most recent activity first',
      query: listQuery,
      ok: { 200: { description: 'A page.', schema: conversationsPage } },
    }),
    post: op({
      tag: 'Conversations',
      summary: 'Start a direct conversation or create a group',
      description: 'There is at most one direct conversation per pair: asking again answers 200 with it.',
      body: createConversationInput,
      example: { type: 'group', title: 'Launch', memberIds: [] },
      ok: {
        200: { description: 'The existing direct conversation.', schema: wrap('conversation', conversationSchema) },
        201: { description: 'Created.', schema: wrap('conversation', conversationSchema) },
      },
      errors: [403],
      rateLimited: true,
    }),
  },
  '/api/conversations/{id}': {
    get: op({
      tag: 'Conversations',
      summary: 'One conversation',
      path: conversationPath,
      ok: { 200: { description: 'It.', schema: wrap('conversation', conversationSchema) } },
      errors: [404],
    }),
    patch: op({
      tag: 'Conversations',
      summary: 'Rename a group (owner or admin)',
      path: conversationPath,
      body: renameInput,
      ok: { 200: { description: 'Renamed.', schema: wrap('conversation', conversationSchema) } },
      errors: [403, 404],
    }),
  },
  '/api/conversations/{id}/members': {
    get: op({
      tag: 'Conversations',
      summary: 'The members of a conversation, a page at a time',
      description: 'In the order they joined. A conversation also lists its members; this pages them, for large groups.',
      path: conversationPath,
      query: membersQuery,
      ok: { 200: { description: 'A page of members.', schema: membersPage } },
      errors: [404],
    }),
    post: op({
      tag: 'Conversations',
      summary: 'Add members to a group (owner or admin)',
      path: conversationPath,
      body: addMembersInput,
      ok: { 200: { description: 'Added.', schema: wrap('conversation', conversationSchema) } },
      errors: [403, 404],
    }),
  },
  '/api/conversations/{id}/members/{userId}': {
    delete: op({
      tag: 'Conversations',
      summary: 'Remove a member, or leave',
      description: 'When the owner leaves, the longest-serving admin, else member, becomes owner; a group left empty is deleted.',
      path: conversationPath.extend(idParam('userId', 'member').shape),
      ok: { 204: { description: 'Removed.' } },
      errors: [403, 404],
    }),
    patch: op({
      tag: 'Conversations',
      summary: 'Make a member admin, or not (owner only)',
      path: conversationPath.extend(idParam('userId', 'member').shape),
      body: setRoleInput,
      ok: { 200: { description: 'Changed.', schema: wrap('conversation', conversationSchema) } },
      errors: [403, 404],
    }),
  },
  '/api/conversations/{id}/read': {
    post: op({
      tag: 'Conversations',
      summary: 'Mark everything up to seq as read',
      path: conversationPath,
      body: markReadInput,
      ok: { 204: { description: 'Marked (never moves back).' } },
      errors: [403, 404],
    }),
  },
  '/api/conversations/{id}/messages': {
    get: op({
      tag: 'Messages',
      summary: 'History, a page at a time',
      description:
        'The newest page before `before` (default: the newest), or the oldest page after `after` (how a client catches up). Items are in ascending `seq`. With `around=SEQ` instead: `limit` messages containing SEQ, up to half before it and the rest after, filled from the other side near either end, answered as `{items, hasMoreBefore, hasMoreAfter}` (for jumping to a quoted message or a search result).',
      path: conversationPath,
      query: historyQuery,
      ok: { 200: { description: 'A page (`MessageHistory`), or with `around` a window (`MessageWindow`).', schema: z.union([historySchema, aroundSchema]) } },
      errors: [404],
    }),
    post: op({
      tag: 'Messages',
      summary: 'Send a message',
      description:
        'Stored before it is answered. A retry with the same `clientId` answers 200 with the original: never a duplicate. `attachmentIds` must be your own uploads not yet attached (else 400 `validation_failed`); a message needs a non-blank `body` or at least one attachment. `replyToId` must be a message of the same conversation (else 400). `@username` of a member (any case) and `@all` in a group are resolved into `mentions`. Sending clears your draft in the conversation (`draft:updated` with an empty body).',
      path: conversationPath,
      body: sendMessageInput,
      example: { body: 'Hello!', clientId: '3f0a2d4e-0b1c-4c55-9a51-7d1b2c9e8f10' },
      ok: {
        200: { description: 'The original of a retried send.', schema: wrap('message', messageSchema) },
        201: { description: 'Sent.', schema: wrap('message', messageSchema) },
      },
      errors: [403, 404, 409],
      rateLimited: true,
    }),
  },
  '/api/messages/{id}': {
    patch: op({
      tag: 'Messages',
      summary: 'Edit your message',
      path: idParam('id', 'message'),
      body: editMessageInput,
      ok: { 200: { description: 'Edited.', schema: wrap('message', messageSchema) } },
      errors: [403, 404, 409],
    }),
    delete: op({
      tag: 'Messages',
      summary: "Delete a message (its sender, or a group's owner or admin)",
      path: idParam('id', 'message'),
      ok: { 204: { description: 'Deleted; its seq stays.' } },
      errors: [403, 404],
    }),
  },
  '/api/messages/{id}/reactions/{emoji}': {
    put: op({
      tag: 'Messages',
      summary: 'React to a message',
      description:
        'Members only. Idempotent: reacting twice is one reaction. At most 20 different emoji on a message: a 21st is 409 `conflict`, as is reacting to a deleted message. Members get `message:reactions`.',
      path: reactionPath,
      ok: { 200: { description: 'The message with its reactions.', schema: wrap('message', messageSchema) } },
      errors: [400, 404, 409],
      rateLimited: true,
    }),
    delete: op({
      tag: 'Messages',
      summary: 'Take your reaction back',
      description: 'Members only. Idempotent. Members get `message:reactions`.',
      path: reactionPath,
      ok: { 200: { description: 'The message with its reactions.', schema: wrap('message', messageSchema) } },
      errors: [400, 404],
      rateLimited: true,
    }),
  },
  '/api/conversations/{id}/draft': {
    put: op({
      tag: 'Conversations',
      summary: 'Save your draft',
      description:
        'What you are writing, kept for you on every device: each of your sockets gets `draft:updated`. An empty body clears it; sending a message clears it too. It shows as `draft` in your copy of the conversation.',
      path: conversationPath,
      body: draftInput,
      ok: { 204: { description: 'Saved.' } },
      errors: [404],
      rateLimited: true,
    }),
  },
  '/api/conversations/{id}/notify': {
    put: op({
      tag: 'Notifications',
      summary: 'Set your notification level',
      description:
        '`all`, `mentions` (messages that mention you; in a direct conversation every message does) or `none` (muted: no notification of any kind, and clients leave its unread count out of the tab title). Set when you join: `all` in direct conversations and groups up to 50 members, else `mentions`. Your other sockets get `conversation:updated`.',
      path: conversationPath,
      body: notifyInput,
      ok: { 200: { description: 'The conversation as you see it now.', schema: wrap('conversation', conversationSchema) } },
      errors: [404],
      rateLimited: true,
    }),
  },
  '/api/push/subscriptions': {
    post: op({
      tag: 'Notifications',
      summary: 'Register a Web Push subscription',
      description:
        'The JSON of a browser’s `PushSubscription` (made with `applicationServerKey` = `push.vapidPublicKey` of `GET /api/server`). When a message notifies you and none of your sockets is connected, each subscription gets a Web Push (VAPID, `aes128gcm`) with `{type: "message", conversationId, messageId, seq, title, body, mention, count, icon, url}`; after you read a conversation it was about, `{type: "read", conversationId}`. It belongs to the session or token that registered it (signing out ends it); registering an endpoint again moves it to you. The endpoint must be https on a public address. At most 20 per person: the oldest go. A subscription its push service answers 404 or 410 for is deleted.',
      body: pushSubscriptionInput,
      ok: {
        201: {
          description: 'Registered.',
          schema: wrap('subscription', z.object({ id: z.string(), endpoint: z.string(), createdAt: z.iso.datetime({ offset: true }) })),
        },
      },
      rateLimited: true,
    }),
    delete: op({
      tag: 'Notifications',
      summary: 'Remove a Web Push subscription',
      description: 'Yours at that endpoint; anyone else’s stays (the answer is the same).',
      body: pushUnsubscribeInput,
      ok: { 204: { description: 'Removed (or there was none).' } },
      rateLimited: true,
    }),
  },
  '/api/notifications/test': {
    post: op({
      tag: 'Notifications',
      summary: 'Send yourself a test notification',
      description: 'A push `{type: "test", title, body, url}` to each of your subscriptions, through the same path as a message’s. Five a minute.',
      ok: {
        200: {
          description: 'How many subscriptions you have and how many push services took it.',
          schema: z.object({ subscriptions: z.number().int().min(0), delivered: z.number().int().min(0) }),
        },
      },
      rateLimited: true,
    }),
  },
  '/api/users/{id}/avatar': {
    get: op({
      tag: 'People',
      summary: 'A person’s avatar',
      description:
        'A square WebP, to anyone signed in, with an `ETag` (304 on `If-None-Match`). Cached for a day when `v` names the current version; else revalidated. 404 when they have none.',
      query: z.object({ v: z.string().optional().meta({ description: 'The version, as in `avatarUrl`.' }) }),
      path: idParam('id', 'user'),
      ok: { 200: { description: 'The image.', binary: ['image/webp'] }, 304: { description: 'Your copy is current.' } },
      errors: [404],
    }),
  },
  '/api/uploads': {
    post: op({
      tag: 'Files',
      summary: 'Upload a file',
      description:
        'Multipart (one part named `file`) or the raw body with `?name=`. Streamed to storage as it arrives, never held whole; over `limits.uploadBytes` → 413 with `details: {limit}`, and nothing is kept. The type is sniffed from the bytes (the Content-Type sent is ignored); images get `width`, `height` and a thumbnail, and those it decodes are served without their EXIF (GPS included); one it cannot decode is stored and served as a download, byte for byte. Attach it by id to one message within 24 hours (`attachmentIds` on send), or it is deleted.',
      upload: true,
      query: z.object({ name: z.string().optional().meta({ description: 'The file name, for a raw body. Sanitised.' }) }),
      ok: { 201: { description: 'Stored.', schema: wrap('attachment', attachmentSchema) } },
      errors: [403],
      rateLimited: true,
    }),
  },
  '/api/attachments/{id}': {
    get: op({
      tag: 'Files',
      summary: 'A file’s bytes',
      description:
        'To the members of the conversation it was sent in (and its uploader before that); anyone else, and everyone once its message is deleted, 404. `Content-Disposition` is `inline` for images, PDFs, audio and video and `attachment` otherwise (never inline for SVG or HTML); always `X-Content-Type-Options: nosniff` and `Content-Security-Policy: sandbox`; `ETag` (304), `Cache-Control: private`, and one `Range` (206; 416 when unsatisfiable).',
      path: idParam('id', 'attachment'),
      ok: {
        200: { description: 'The file.', binary: ['*/*'] },
        206: { description: 'The range asked for.', binary: ['*/*'] },
        304: { description: 'Your copy is current.' },
      },
      errors: [404, 416],
    }),
  },
  '/api/attachments/{id}/thumbnail': {
    get: op({
      tag: 'Files',
      summary: 'An image’s thumbnail',
      description: 'A WebP at most 480 px on its longer side; images only (else 404). Same access as the file.',
      path: idParam('id', 'attachment'),
      ok: {
        200: { description: 'The thumbnail.', binary: ['image/webp'] },
        206: { description: 'The range asked for.', binary: ['image/webp'] },
        304: { description: 'Your copy is current.' },
      },
      errors: [404, 416],
    }),
  },
  '/api/server': {
    get: op({
      tag: 'Service',
      summary: 'This server: name, version, limits',
      description: 'What a client checks before it sends (the largest upload, the longest message).',
      auth: false,
      ok: { 200: { description: 'The server.', schema: serverInfoSchema } },
    }),
  },
  '/api/health': {
    get: op({
      tag: 'Service',
      summary: 'Is the service up',
      auth: false,
      ok: { 200: { description: 'The database answers.', schema: z.object({ status: z.literal('ok') }) } },
    }),
  },
  '/api/openapi.json': {
    get: op({
      tag: 'Service',
      summary: 'This document',
      auth: false,
      ok: { 200: { description: 'OpenAPI 3.1.', schema: z.looseObject({ openapi: z.string() }) } },
    }),
  },
};

/** Stable operation ids, which client generators name their methods after (`npm run api:types`). */
const operationIds: Record<string, string> = {
  'post /api/auth/register': 'register',
  'post /api/auth/token': 'signIn',
  'post /api/auth/logout': 'signOut',
  'get /api/users/me': 'getMe',
  'patch /api/users/me': 'updateProfile',
  'delete /api/users/me': 'deleteAccount',
  'put /api/users/me/avatar': 'setAvatar',
  'delete /api/users/me/avatar': 'removeAvatar',
  'put /api/users/me/password': 'changePassword',
  'get /api/users': 'searchUsers',
  'get /api/users/{id}': 'getUser',
  'get /api/users/{id}/avatar': 'getAvatar',
  'get /api/tokens': 'listTokens',
  'post /api/tokens': 'createToken',
  'delete /api/tokens/{id}': 'revokeToken',
  'get /api/conversations': 'listConversations',
  'post /api/conversations': 'createConversation',
  'get /api/conversations/{id}': 'getConversation',
  'patch /api/conversations/{id}': 'renameConversation',
  'get /api/conversations/{id}/members': 'listMembers',
  'post /api/conversations/{id}/members': 'addMembers',
  'delete /api/conversations/{id}/members/{userId}': 'removeMember',
  'patch /api/conversations/{id}/members/{userId}': 'setMemberRole',
  'post /api/conversations/{id}/read': 'markRead',
  'get /api/conversations/{id}/messages': 'listMessages',
  'post /api/conversations/{id}/messages': 'sendMessage',
  'patch /api/messages/{id}': 'editMessage',
  'delete /api/messages/{id}': 'deleteMessage',
  'put /api/messages/{id}/reactions/{emoji}': 'addReaction',
  'delete /api/messages/{id}/reactions/{emoji}': 'removeReaction',
  'put /api/conversations/{id}/draft': 'saveDraft',
  'put /api/conversations/{id}/notify': 'setNotifyLevel',
  'post /api/push/subscriptions': 'addPushSubscription',
  'delete /api/push/subscriptions': 'removePushSubscription',
  'post /api/notifications/test': 'sendTestNotification',
  'post /api/uploads': 'uploadFile',
  'get /api/attachments/{id}': 'getAttachment',
  'get /api/attachments/{id}/thumbnail': 'getThumbnail',
  'get /api/server': 'getServerInfo',
  'get /api/health': 'getHealth',
  'get /api/openapi.json': 'getOpenApiDocument',
};

for (const [route, item] of Object.entries(paths)) {
  for (const [method, operation] of Object.entries(item as Record<string, ZodOpenApiOperationObject>)) {
    const operationId = operationIds[`${method} ${route}`];
    if (!operationId) throw new Error(`no operationId for ${method} ${route}`);
    operation.operationId = operationId;
  }
}

/** A schema's name (its `.meta({id})`), the title of its JSON Schema in the Socket.IO part. */
function componentName(schema: z.ZodType): string {
  const name = z.globalRegistry.get(schema)?.id;
  if (!name) throw new Error('every Socket.IO event schema in lib/schemas/events.ts needs a .meta({ id })');
  return name;
}

/**
 * An event's payload as a self-contained JSON Schema, written into `x-socket-io` itself rather than
 * `components`: linters and generators do not look inside extensions, so components that only an
 * extension references would read as orphans. Client payloads are described as the server reads
 * them (input), server payloads as it sends them (output).
 */
function eventSchema(schema: z.ZodType, io: 'input' | 'output') {
  const {
    $schema: _,
    $defs = {},
    ...root
  } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown> & {
    $defs?: Record<string, unknown>;
  };
  // Schemas with an id become $defs of the root; here each is written out where it is used.
  const inline = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(inline);
    if (!node || typeof node !== 'object') return node;
    const { $ref, ...rest } = node as Record<string, unknown>;
    const defined = typeof $ref === 'string' && $ref.startsWith('#/$defs/') ? $defs[$ref.slice('#/$defs/'.length)] : undefined;
    const expanded = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, inline(v)]));
    return defined ? { ...(inline(defined) as object), ...expanded } : { ...($ref === undefined ? {} : { $ref }), ...expanded };
  };
  return { title: componentName(schema), ...(inline(root) as object) };
}

const socketIo = {
  path: '/socket.io',
  authentication:
    'The session cookie (browsers, same origin only) or `auth: {token}` with a bearer or personal access token. A refused handshake gets `connect_error` with message `unauthorized` (no valid credential), `too_many_connections` (the user already holds 20 sockets on that server), `rate_limited` (over 60 handshakes a minute from the client IP; `data.retryAfter` says how many seconds to wait) or `unavailable` (the database is briefly away: retry). A socket is disconnected when its session or token expires or is revoked, and at the latest within a minute when its row is gone.',
  limits:
    'Every client event counts against a budget per socket (a burst of 40, then 20 a second); past it the acknowledgement is `{ok: false, error: {code: "rate_limited"}}`. `typing` is fanned out when it changes: a repeated `typing: true` within 500 ms is acknowledged and not sent on, and a socket causes at most about two typing notices a second.',
  clientEvents: Object.fromEntries(
    Object.entries(clientEvents).map(([name, e]) => [
      name,
      { payload: eventSchema(e.payload, 'input'), ack: eventSchema(e.ack, 'output'), ...('description' in e ? { description: e.description } : {}) },
    ]),
  ),
  serverEvents: Object.fromEntries(Object.entries(serverEvents).map(([name, e]) => [name, { payload: eventSchema(e.payload, 'output'), to: e.to }])),
};

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  cached ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Relay API',
      version: '1.0.0',
      license: { name: 'Proprietary: the API may be used by anyone this server gives an account', identifier: 'LicenseRef-Proprietary' },
      contact: { name: 'The operators of this server', url: '/docs' },
      description:
        'JSON over HTTP. Authenticate with the browser session cookie or `Authorization: Bearer <token>` (from `POST /api/auth/token` or a personal access token). Errors always have the shape of `Error`. Lists take `limit` (1–100, default 50) and `cursor` and answer `{items, nextCursor}`. A known path with an unsupported method answers 405 with an `Allow` header; an unknown path, 404; a trailing or doubled slash redirects (308) to the path without it; a request line or headers over 16 KiB get 431. Real-time events are described under `x-socket-io`.',
    },
    tags: [
      { name: 'Account', description: 'Register, sign in, your profile, password and account.' },
      { name: 'People', description: 'Find each other.' },
      { name: 'Tokens', description: 'Personal access tokens for scripts and bots.' },
      { name: 'Conversations', description: 'Direct conversations and groups.' },
      { name: 'Messages', description: 'History, sending, editing, deleting.' },
      { name: 'Files', description: 'Uploads, attachments and their thumbnails.' },
      { name: 'Notifications', description: 'Levels per conversation, Web Push subscriptions.' },
      { name: 'Service', description: 'Health and this document.' },
    ],
    // Relative: the server this document came from (GET /api/openapi.json names APP_URL when set).
    servers: [{ url: '/', description: 'This server' }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token from `POST /api/auth/token` or a personal access token.' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'The browser session (`__Secure-` prefixed on https).' },
      },
    },
    paths,
    'x-socket-io': socketIo,
  } as Parameters<typeof createDocument>[0]);
  return cached;
}
