import { apiRoute, endpoint, json, noContent } from '@/lib/http/route';
import { addSubscription, removeSubscription } from '@/lib/notifications/subscriptions';
import { pushSubscriptionInput, pushUnsubscribeInput } from '@/lib/schemas/notifications';

export const { GET, POST, PUT, PATCH, DELETE } = endpoint({
  POST: apiRoute({ body: pushSubscriptionInput }, async ({ actor, body }) => json({ subscription: await addSubscription(actor, body) }, 201)),
  DELETE: apiRoute({ body: pushUnsubscribeInput }, async ({ actor, body }) => {
    await removeSubscription(actor, body.endpoint);
    return noContent();
  }),
});
