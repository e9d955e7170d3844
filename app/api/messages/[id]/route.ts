import { apiRoute, endpoint, json, noContent, pathId } from '@/lib/http/route';
import { deleteMessage, editMessage } from '@/lib/messages/service';
import { editMessageInput } from '@/lib/schemas/conversations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  PATCH: apiRoute({ body: editMessageInput }, async ({ actor, params, body }) =>
    json({ message: await editMessage(actor, pathId(params, 'id', 'message'), body.body) }),
  ),
  DELETE: apiRoute({}, async ({ actor, params }) => {
    await deleteMessage(actor, pathId(params, 'id', 'message'));
    return noContent();
  }),
});
