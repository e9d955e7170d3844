import { apiRoute, endpoint, json } from '@/lib/http/route';
import { listQuery } from '@/lib/schemas/common';
import { searchUsersQuery } from '@/lib/schemas/users';
import { searchUsers } from '@/lib/users/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({ query: listQuery.extend(searchUsersQuery.shape) }, async ({ query }) => json(await searchUsers(query))),
});
