import { clearedSessionCookie } from '@/lib/auth/cookies';
import { logout } from '@/lib/auth/logout';
import { apiRoute, endpoint, noContent } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({}, async ({ actor }) => {
    await logout(actor);
    const response = noContent();
    if (actor.via === 'cookie') {
      response.headers.append('Set-Cookie', clearedSessionCookie());
    }
    return response;
  }),
});
