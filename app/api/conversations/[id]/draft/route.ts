import { saveDraft } from '@/lib/conversations/drafts';
import { apiRoute, endpoint, noContent, pathId } from '@/lib/http/route';
import { draftInput } from '@/lib/schemas/conversations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  PUT: apiRoute({ body: draftInput, limit: { name: 'draft' } }, async ({ actor, params, body }) => {
    await saveDraft(actor, pathId(params, 'id', 'conversation'), body.body);
    return noContent();
  }),
});
