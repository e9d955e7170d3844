import { avatarToServe } from '@/lib/files/avatars';
import { apiRoute, endpoint, pathId } from '@/lib/http/route';
import { fileResponse } from '@/lib/http/serveFile';

// A versioned URL (`?v=`) names one image for ever: caches may keep it.
export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({}, async ({ req, params }) => fileResponse(req, await avatarToServe(pathId(params, 'id', 'user')), 'private, max-age=86400')),
});
