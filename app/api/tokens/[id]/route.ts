import { apiRoute, endpoint, noContent, pathId } from '@/lib/http/route';
import { revokeToken } from '@/lib/tokens/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  DELETE: apiRoute({}, async ({ actor, params }) => {
    await revokeToken(actor, pathId(params, 'id', 'token'));
    return noContent();
  }),
});
