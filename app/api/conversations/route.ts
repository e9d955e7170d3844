import { createConversation, listConversations } from '@/lib/conversations/service';
import { apiRoute, json } from '@/lib/http/route';
import { listQuery } from '@/lib/schemas/common';
import { createConversationInput } from '@/lib/schemas/conversations';

export const GET = apiRoute({ query: listQuery }, async ({ actor, query }) => json(await listConversations(actor, query)));

export const POST = apiRoute({ body: createConversationInput }, async ({ actor, body }) => {
  const { conversation, created } = await createConversation(actor, body);
  return json({ conversation }, created ? 201 : 200);
});
