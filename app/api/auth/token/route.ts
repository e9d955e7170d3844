import { limitedSignIn } from '@/lib/auth/signInLimits';
import { apiRoute, endpoint, json } from '@/lib/http/route';
import { limitHeaders } from '@/lib/rateLimit';
import { signInInput } from '@/lib/schemas/users';
import { signInForToken } from '@/lib/users/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({ auth: false, body: signInInput }, async ({ body, ip }) => {
    const { value, limit } = await limitedSignIn(body.username, ip, () => signInForToken(body.username, body.password));
    const response = json(value);
    if (limit) for (const [name, header] of Object.entries(limitHeaders(limit))) response.headers.set(name, header);
    return response;
  }),
});
