import { apiRoute, noContent, pathId } from '@/lib/http/route';
import { revokeToken } from '@/lib/tokens/service';

export const DELETE = apiRoute({}, async ({ actor, params }) => {
  await revokeToken(actor, pathId(params, 'id', 'token'));
  return noContent();
});
