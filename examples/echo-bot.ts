// An echo bot: signs in with a personal access token, listens over Socket.IO, and answers every
// direct message with "echo: <text>". It uses only the public API, with types generated from the
// OpenAPI document (examples/api-types.ts). Copy it, change the answer, and you have a bot.
//
//   RELAY_URL=http://localhost:3000 RELAY_TOKEN=chp_… npx tsx examples/echo-bot.ts
import createClient from 'openapi-fetch';
import { io } from 'socket.io-client';
import type { components, operations, paths } from './api-types';

type Message = components['schemas']['Message'];
// Generated types are named after the operation ids too.
type Conversation = operations['getConversation']['responses'][200]['content']['application/json']['conversation'];

const baseUrl = process.env.RELAY_URL ?? 'http://localhost:3000';
const token = process.env.RELAY_TOKEN;

async function main() {
  if (!token) throw new Error('Set RELAY_TOKEN to a personal access token (Settings → API tokens).');
  const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });

  const { data: me, error } = await api.GET('/api/users/me');
  if (error) throw new Error(`Could not sign in: ${error.error.message}`);

  const kinds = new Map<string, Conversation['type']>();
  async function isDirect(conversationId: string): Promise<boolean> {
    if (!kinds.has(conversationId)) {
      const { data } = await api.GET('/api/conversations/{id}', { params: { path: { id: conversationId } } });
      if (data) kinds.set(conversationId, data.conversation.type);
    }
    return kinds.get(conversationId) === 'direct';
  }

  const socket = io(baseUrl, { auth: { token }, transports: ['websocket'] });
  socket.on('connect', () => console.log(`echo-bot connected as @${me.user.username}`));
  socket.on('connect_error', (e) => {
    console.error(`echo-bot: ${e.message}`);
    if (e.message === 'unauthorized') process.exit(1);
  });
  socket.on('conversation:updated', (c: Conversation) => kinds.set(c.id, c.type));
  socket.on('message:new', async (message: Message) => {
    // Not our own, not deleted, and not files only (nothing to echo).
    if (!message.sender || message.sender.id === me.user.id || !message.body) return;
    if (!(await isDirect(message.conversationId))) return;
    // The clientId is derived from the message answered, so a retried answer is never a duplicate.
    const reply = await socket.emitWithAck('message:send', {
      conversationId: message.conversationId,
      body: `echo: ${message.body}`.slice(0, 4000),
      clientId: `echo-${message.id}`,
    });
    if (!reply.ok) console.error(`echo-bot: could not answer: ${reply.error.message}`);
  });

  const stop = () => {
    socket.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
