import { createConversation, listConversations } from '@/lib/conversations/service';
import { apiRoute, endpoint, json } from '@/lib/http/route';
import { listQuery } from '@/lib/schemas/common';
import { createConversationInput } from '@/lib/schemas/conversations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({ query: listQuery }, async ({ actor, query }) => json(await listConversations(actor, query))),
  POST: apiRoute({ body: createConversationInput, limit: { name: 'conversationCreate' } }, async ({ actor, body }) => {
    const { conversation, created } = await createConversation(actor, body);
    return json({ conversation }, created ? 201 : 200);
  }),
});
