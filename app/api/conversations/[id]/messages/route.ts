import { apiRoute, endpoint, json, pathId } from '@/lib/http/route';
import { listAround, listMessages, sendMessage } from '@/lib/messages/service';
import { historyQuery, sendMessageInput } from '@/lib/schemas/conversations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({ query: historyQuery }, async ({ actor, params, query: { around, ...range } }) => {
    const conversationId = pathId(params, 'id', 'conversation');
    return json(around !== undefined ? await listAround(actor, conversationId, around, range.limit) : await listMessages(actor, conversationId, range));
  }),
  POST: apiRoute({ body: sendMessageInput, limit: { name: 'messageSend' } }, async ({ actor, params, body }) => {
    const { message, created } = await sendMessage(actor, { conversationId: pathId(params, 'id', 'conversation'), ...body });
    return json({ message }, created ? 201 : 200);
  }),
});
