import { getConversation, renameConversation } from '@/lib/conversations/service';
import { apiRoute, endpoint, json, pathId } from '@/lib/http/route';
import { renameInput } from '@/lib/schemas/conversations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({}, async ({ actor, params }) => json({ conversation: await getConversation(actor, pathId(params, 'id', 'conversation')) })),
  PATCH: apiRoute({ body: renameInput }, async ({ actor, params, body }) =>
    json({ conversation: await renameConversation(actor, pathId(params, 'id', 'conversation'), body.title) }),
  ),
});
