import { AppError } from '@/lib/errors';
import { checkHealth } from '@/lib/health';
import { apiRoute, endpoint, json } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  GET: apiRoute({ auth: false }, async () => {
    if (!(await checkHealth())) throw new AppError('unavailable', 'The database is not answering.');
    return json({ status: 'ok' });
  }),
});
