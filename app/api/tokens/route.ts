import { apiRoute, json } from '@/lib/http/route';
import { listQuery } from '@/lib/schemas/common';
import { createTokenInput } from '@/lib/schemas/tokens';
import { createToken, listTokens } from '@/lib/tokens/service';

export const GET = apiRoute({ query: listQuery }, async ({ actor, query }) => json(await listTokens(actor, query)));

export const POST = apiRoute({ body: createTokenInput }, async ({ actor, body }) =>
  json(await createToken(actor, body), 201),
);
