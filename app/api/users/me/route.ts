import { apiRoute, endpoint, json, noContent } from '@/lib/http/route';
import { deleteAccountInput, updateProfileInput } from '@/lib/schemas/users';
import { deleteAccount, getMe, updateProfile } from '@/lib/users/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({}, async ({ actor }) => json({ user: await getMe(actor) })),
  PATCH: apiRoute({ body: updateProfileInput }, async ({ actor, body }) => json({ user: await updateProfile(actor, body) })),
  DELETE: apiRoute({ body: deleteAccountInput }, async ({ actor, body }) => {
    await deleteAccount(actor, body.password);
    return noContent();
  }),
});
