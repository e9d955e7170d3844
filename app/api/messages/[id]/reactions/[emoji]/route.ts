import { apiRoute, endpoint, json, pathEmoji, pathId } from '@/lib/http/route';
import { addReaction, removeReaction } from '@/lib/messages/reactions';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  PUT: apiRoute({}, async ({ actor, params }) => json({ message: await addReaction(actor, pathId(params, 'id', 'message'), pathEmoji(params)) })),
  DELETE: apiRoute({}, async ({ actor, params }) => json({ message: await removeReaction(actor, pathId(params, 'id', 'message'), pathEmoji(params)) })),
});
