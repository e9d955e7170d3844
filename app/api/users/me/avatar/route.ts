import { removeAvatar, setAvatar } from '@/lib/files/avatars';
import { apiRoute, endpoint, json } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  PUT: apiRoute({ limit: { name: 'upload' } }, async ({ actor, req }) => json({ user: await setAvatar(actor, req) })),
  DELETE: apiRoute({}, async ({ actor }) => json({ user: await removeAvatar(actor) })),
});
