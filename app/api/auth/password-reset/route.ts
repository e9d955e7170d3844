import { apiRoute, endpoint, noContent } from '@/lib/http/route';
import { resetPassword } from '@/lib/email/passwordReset';
import { passwordResetInput } from '@/lib/schemas/email';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({ auth: false, body: passwordResetInput, limit: { name: 'write', key: ({ ip }) => `reset:${ip}` } }, async ({ body }) => {
    await resetPassword(body.token, body.newPassword);
    return noContent();
  }),
});
