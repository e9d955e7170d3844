import { apiRoute, endpoint, json } from '@/lib/http/route';
import { signInInput } from '@/lib/schemas/users';
import { signInForToken, signInLimitKey } from '@/lib/users/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({ auth: false, body: signInInput, limit: { name: 'signIn', key: ({ body, ip }) => signInLimitKey(body.username, ip) } }, async ({ body }) =>
    json(await signInForToken(body.username, body.password)),
  ),
});
