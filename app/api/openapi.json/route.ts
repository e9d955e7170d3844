import { apiRoute, endpoint, json } from '@/lib/http/route';
import { openApiDocument } from '@/lib/openapi/document';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({ auth: false }, async () => json(openApiDocument())),
});
