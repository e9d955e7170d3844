import { apiRoute, endpoint, json } from '@/lib/http/route';
import { listQuery } from '@/lib/schemas/common';
import { createTokenInput } from '@/lib/schemas/tokens';
import { createToken, listTokens } from '@/lib/tokens/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({ query: listQuery }, async ({ actor, query }) => json(await listTokens(actor, query))),
  POST: apiRoute({ body: createTokenInput, limit: { name: 'tokenCreate' } }, async ({ actor, body }) => json(await createToken(actor, body), 201)),
});
