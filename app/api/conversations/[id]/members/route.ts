import { addMembers, listMembers } from '@/lib/conversations/service';
import { apiRoute, endpoint, json, pathId } from '@/lib/http/route';
import { addMembersInput, membersQuery } from '@/lib/schemas/conversations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({ query: membersQuery }, async ({ actor, params, query }) => json(await listMembers(actor, pathId(params, 'id', 'conversation'), query))),
  POST: apiRoute({ body: addMembersInput }, async ({ actor, params, body }) =>
    json({ conversation: await addMembers(actor, pathId(params, 'id', 'conversation'), body.userIds) }),
  ),
});
