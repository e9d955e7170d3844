import { apiRoute, json } from '@/lib/http/route';
import { registerInput } from '@/lib/schemas/users';
import { registerUser } from '@/lib/users/service';

export const POST = apiRoute({ auth: false, body: registerInput }, async ({ body, ip }) =>
  json({ user: await registerUser(body, ip) }, 201),
);
