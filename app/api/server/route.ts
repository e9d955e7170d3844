import { apiRoute, endpoint, json } from '@/lib/http/route';
import { serverInfo } from '@/lib/serverInfo';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({ auth: false }, async () => json(serverInfo())),
});
