// Any /api path with no route of its own: a 404 in the error envelope, never Next's HTML page.
import { errorResponse } from '@/lib/http/route';
import { errors } from '@/lib/errors';

function notFound() {
  return errorResponse(errors.notFound('API endpoint'));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
