// The in-process bus the services raise domain events on, after their transaction commits.
// Subscribers (the socket fan-out today; notifications, mention counts and search next) run in
// the order they subscribed, synchronously, so events reach them in the order they happened. A
// subscriber must not block: slow work returns a promise, which nobody awaits (shutdown lets it
// settle). One that throws or rejects is logged and never undoes or delays the write that raised
// the event. One bus per process, shared by server.ts and the Next bundle.
import { describeError, log } from '@/lib/log';
import { processSingleton } from '@/lib/singletons';
import type { DomainEventName, DomainEvents } from './catalogue';

export type { DomainEventName, DomainEvents } from './catalogue';

type Subscriber<E extends DomainEventName> = (event: DomainEvents[E]) => void | Promise<unknown>;

const subscribers = () => processSingleton('domainEvents', () => new Map<DomainEventName, Set<Subscriber<never>>>());
/** Subscribers' asynchronous work still running. */
const running = () => processSingleton('domainEventWork', () => new Set<Promise<unknown>>());

function subscribersOf<E extends DomainEventName>(name: E): Set<Subscriber<E>> {
  const all = subscribers();
  if (!all.has(name)) all.set(name, new Set());
  return all.get(name) as Set<Subscriber<E>>;
}

/** Calls `subscriber` with every `name` event from now on; returns the way to stop. */
export function subscribe<E extends DomainEventName>(name: E, subscriber: Subscriber<E>): () => void {
  const set = subscribersOf(name);
  set.add(subscriber);
  return () => void set.delete(subscriber);
}

function failed(name: DomainEventName, error: unknown) {
  log.error('domain event subscriber failed', { event: name, error: describeError(error) });
}

/** Tells every subscriber of `name`. Synchronous subscribers have run when it returns. */
export function raise<E extends DomainEventName>(name: E, event: DomainEvents[E]): void {
  for (const subscriber of subscribersOf(name)) {
    try {
      const result = subscriber(event);
      if (result instanceof Promise) {
        const work = running();
        const tracked = result.catch((error) => failed(name, error)).finally(() => work.delete(tracked));
        work.add(tracked);
      }
    } catch (error) {
      failed(name, error);
    }
  }
}

/** At shutdown: waits (at most timeoutMs) for subscribers' asynchronous work to settle. */
export async function settleDomainEvents(timeoutMs: number): Promise<void> {
  const work = [...running()];
  if (work.length === 0) return;
  await Promise.race([Promise.allSettled(work), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}
