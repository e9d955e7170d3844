import { uploadFile } from '@/lib/files/service';
import { apiRoute, endpoint, json } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({ limit: { name: 'upload' } }, async ({ actor, req }) => json({ attachment: await uploadFile(actor, req) }, 201)),
});
