import { attachmentToServe } from '@/lib/files/service';
import { apiRoute, endpoint, pathId } from '@/lib/http/route';
import { fileResponse } from '@/lib/http/serveFile';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({}, async ({ actor, req, params }) => fileResponse(req, await attachmentToServe(actor, pathId(params, 'id', 'attachment'), 'file'))),
});
