import { apiRoute, endpoint, json } from '@/lib/http/route';
import { registerInput } from '@/lib/schemas/users';
import { registerUser } from '@/lib/users/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({ auth: false, body: registerInput, limit: { name: 'register', key: ({ ip }) => ip } }, async ({ body }) =>
    json({ user: await registerUser(body) }, 201),
  ),
});
