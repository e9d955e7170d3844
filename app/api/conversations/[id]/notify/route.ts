import { setNotifyLevel } from '@/lib/conversations/notify';
import { apiRoute, endpoint, json, pathId } from '@/lib/http/route';
import { notifyInput } from '@/lib/schemas/notifications';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  PUT: apiRoute({ body: notifyInput }, async ({ actor, params, body }) =>
    json({ conversation: await setNotifyLevel(actor, pathId(params, 'id', 'conversation'), body.level) }),
  ),
});
