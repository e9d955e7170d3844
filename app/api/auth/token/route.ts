import { createApiSession } from '@/lib/auth/sessions';
import { apiRoute, json } from '@/lib/http/route';
import { signInInput } from '@/lib/schemas/users';
import { toMe } from '@/lib/users/shape';
import { checkCredentials } from '@/lib/users/service';

export const POST = apiRoute({ auth: false, body: signInInput }, async ({ body, ip }) => {
  const user = await checkCredentials(body.username, body.password, ip);
  const { token, expiresAt } = await createApiSession(user.id);
  return json({ token, expiresAt: expiresAt.toISOString(), user: toMe(user) });
});
