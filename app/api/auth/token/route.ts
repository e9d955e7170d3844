import { createApiSession } from '@/lib/auth/sessions';
import { apiRoute, endpoint, json } from '@/lib/http/route';
import { signInInput } from '@/lib/schemas/users';
import { isOnline } from '@/lib/users/presence';
import { toMe } from '@/lib/users/shape';
import { checkCredentials, signInLimitKey } from '@/lib/users/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute(
    { auth: false, body: signInInput, limit: { name: 'signIn', key: ({ body, ip }) => signInLimitKey(body.username, ip) } },
    async ({ body }) => {
      const user = await checkCredentials(body.username, body.password);
      const { token, expiresAt } = await createApiSession(user.id);
      return json({ token, expiresAt: expiresAt.toISOString(), user: toMe(user, await isOnline(user.id)) });
    },
  ),
});
