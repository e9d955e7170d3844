import { addMembers } from '@/lib/conversations/service';
import { apiRoute, endpoint, json, pathId } from '@/lib/http/route';
import { addMembersInput } from '@/lib/schemas/conversations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({ body: addMembersInput }, async ({ actor, params, body }) =>
    json({ conversation: await addMembers(actor, pathId(params, 'id', 'conversation'), body.userIds) }),
  ),
});
