// What must be one per process (the database driver, the Socket.IO server, the event bus…).
// server.ts and the Next bundle each load their own copy of lib/, so each such thing is kept in
// one registry on globalThis, created on first use by whichever copy asks first.
const registry = ((globalThis as { __relay?: Map<string, unknown> }).__relay ??= new Map<string, unknown>());

/** The one value of `key` in this process, made by `create` the first time it is asked for. */
export function processSingleton<T>(key: string, create: () => T): T {
  if (!registry.has(key)) registry.set(key, create());
  return registry.get(key) as T;
}

/** Replaces (or, with undefined, forgets) the value of `key`: for things set at start-up and cleared at shutdown. */
export function setProcessSingleton<T>(key: string, value: T | undefined): void {
  if (value === undefined) registry.delete(key);
  else registry.set(key, value);
}

/** The value of `key` if one was set, without creating it. */
export function peekProcessSingleton<T>(key: string): T | undefined {
  return registry.get(key) as T | undefined;
}
