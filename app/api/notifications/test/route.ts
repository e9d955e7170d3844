import { apiRoute, endpoint, json } from '@/lib/http/route';
import { sendTestPush } from '@/lib/notifications/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({ limit: { name: 'pushTest' } }, async ({ actor }) => json(await sendTestPush(actor))),
});
