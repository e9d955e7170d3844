import { avatarToServe } from '@/lib/files/avatars';
import { apiRoute, endpoint, pathId } from '@/lib/http/route';
import { fileResponse } from '@/lib/http/serveFile';

// The URL of the current avatar (`?v=` its version) names one image for ever: caches may keep it
// for a day. Any other asks again each time.
export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({}, async ({ req, params }) => {
    const avatar = await avatarToServe(pathId(params, 'id', 'user'), req.nextUrl.searchParams.get('v'));
    return fileResponse(req, avatar, avatar.fresh ? 'private, max-age=86400' : undefined);
  }),
});
