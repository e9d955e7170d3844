import { apiRoute, json, pathId } from '@/lib/http/route';
import { getUser } from '@/lib/users/service';

export const GET = apiRoute({}, async ({ params }) => json({ user: await getUser(pathId(params, 'id', 'user')) }));
