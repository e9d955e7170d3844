import { apiRoute, json, pathId } from '@/lib/http/route';
import { listMessages, sendMessage } from '@/lib/messages/service';
import { historyQuery, sendMessageInput } from '@/lib/schemas/conversations';

export const GET = apiRoute({ query: historyQuery }, async ({ actor, params, query }) =>
  json(await listMessages(actor, pathId(params, 'id', 'conversation'), query)),
);

export const POST = apiRoute({ body: sendMessageInput }, async ({ actor, params, body }) => {
  const { message, created } = await sendMessage(actor, { conversationId: pathId(params, 'id', 'conversation'), ...body });
  return json({ message }, created ? 201 : 200);
});
