import { removeMember, setRole } from '@/lib/conversations/service';
import { apiRoute, json, noContent, pathId } from '@/lib/http/route';
import { setRoleInput } from '@/lib/schemas/conversations';

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  await removeMember(actor, pathId(params, 'id', 'conversation'), pathId(params, 'userId', 'member'));
  return noContent();
});

export const PATCH = apiRoute({ body: setRoleInput }, async ({ actor, params, body }) =>
  json({ conversation: await setRole(actor, pathId(params, 'id', 'conversation'), pathId(params, 'userId', 'member'), body.role) }),
);
