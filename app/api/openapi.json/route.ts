import { getConfig } from '@/lib/config';
import { apiRoute, endpoint, json } from '@/lib/http/route';
import { openApiDocument } from '@/lib/openapi/document';

// With APP_URL set, the document names the public URL as its server; else the relative one it has.
export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({ auth: false }, async () => {
    const appUrl = getConfig().appUrl;
    const doc = openApiDocument();
    return json(appUrl ? { ...doc, servers: [{ url: appUrl, description: 'This server' }] } : doc);
  }),
});
