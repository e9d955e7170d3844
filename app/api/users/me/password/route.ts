import { apiRoute, endpoint, noContent } from '@/lib/http/route';
import { changePasswordInput } from '@/lib/schemas/users';
import { changePassword } from '@/lib/users/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  PUT: apiRoute({ body: changePasswordInput }, async ({ actor, body }) => {
    await changePassword(actor, body.currentPassword, body.newPassword);
    return noContent();
  }),
});
