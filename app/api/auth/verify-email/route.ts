import { apiRoute, endpoint, noContent } from '@/lib/http/route';
import { verifyEmail } from '@/lib/email/address';
import { verifyEmailInput } from '@/lib/schemas/email';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  // No sign-in: the link may be opened on another device. The token is the credential.
  POST: apiRoute({ auth: false, body: verifyEmailInput, limit: { name: 'write', key: ({ ip }) => `verify:${ip}` } }, async ({ body }) => {
    await verifyEmail(body.token);
    return noContent();
  }),
});
