import { removeMember, setRole } from '@/lib/conversations/service';
import { apiRoute, endpoint, json, noContent, pathId } from '@/lib/http/route';
import { setRoleInput } from '@/lib/schemas/conversations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  DELETE: apiRoute({}, async ({ actor, params }) => {
    await removeMember(actor, pathId(params, 'id', 'conversation'), pathId(params, 'userId', 'member'));
    return noContent();
  }),
  PATCH: apiRoute({ body: setRoleInput }, async ({ actor, params, body }) =>
    json({ conversation: await setRole(actor, pathId(params, 'id', 'conversation'), pathId(params, 'userId', 'member'), body.role) }),
  ),
});
