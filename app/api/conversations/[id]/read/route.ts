import { markRead } from '@/lib/conversations/service';
import { apiRoute, endpoint, noContent, pathId } from '@/lib/http/route';
import { markReadInput } from '@/lib/schemas/conversations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({ body: markReadInput }, async ({ actor, params, body }) => {
    await markRead(actor, pathId(params, 'id', 'conversation'), body.seq);
    return noContent();
  }),
});
