import { apiRoute, endpoint, json } from '@/lib/http/route';
import { removeEmail, setPendingEmail } from '@/lib/email/address';
import { setEmailInput } from '@/lib/schemas/email';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  // Each verification link sent counts against the person's email budget.
  PUT: apiRoute({ body: setEmailInput, limit: { name: 'email', key: ({ actor }) => `user:${actor!.userId}` } }, async ({ actor, body }) =>
    json({ user: await setPendingEmail(actor, body.email) }, 202),
  ),
  DELETE: apiRoute({}, async ({ actor }) => json({ user: await removeEmail(actor) })),
});
