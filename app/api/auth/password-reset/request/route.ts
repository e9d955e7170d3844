import { apiRoute, endpoint, json } from '@/lib/http/route';
import { requestPasswordReset, resetRequested } from '@/lib/email/passwordReset';
import { requireEmail } from '@/lib/email/transport';
import { consume } from '@/lib/rateLimit';
import { passwordResetRequestInput } from '@/lib/schemas/email';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  // Limited per client IP (here) and per login (below), whether or not the account exists.
  POST: apiRoute({ auth: false, body: passwordResetRequestInput, limit: { name: 'email', key: ({ ip }) => `ip:${ip}` } }, async ({ body }) => {
    requireEmail();
    await consume('email', `login:${body.login.toLowerCase()}`);
    requestPasswordReset(body.login);
    return json(resetRequested, 202);
  }),
});
