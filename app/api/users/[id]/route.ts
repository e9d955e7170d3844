import { apiRoute, endpoint, json, pathId } from '@/lib/http/route';
import { getUser } from '@/lib/users/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({}, async ({ params }) => json({ user: await getUser(pathId(params, 'id', 'user')) })),
});
