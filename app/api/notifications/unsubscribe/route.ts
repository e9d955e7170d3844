import { apiRoute, endpoint, noContent } from '@/lib/http/route';
import { unsubscribe } from '@/lib/email/unsubscribe';
import { unsubscribeQuery } from '@/lib/schemas/email';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  // RFC 8058 one-click: a mail client POSTs `List-Unsubscribe=One-Click` (a form body, which is not
  // read) without any session; our page POSTs `{}`. The token in the query is the credential.
  POST: apiRoute({ auth: false, query: unsubscribeQuery, limit: { name: 'write', key: ({ ip }) => `unsubscribe:${ip}` } }, async ({ query }) => {
    await unsubscribe(query.token);
    return noContent();
  }),
});
