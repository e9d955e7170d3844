// Checks Socket.IO traffic against the event catalogue (lib/schemas/events.ts), as contract.ts
// checks REST responses against the OpenAPI document: every event a test socket receives, and
// every acknowledgement of an event it sends. Problems are collected (a listener cannot fail a
// test) and each suite's hooks fail the test that saw one.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { clientEvents, serverEvents } from '@/lib/schemas/events';

let validated = 0;
const problems: string[] = [];

function check(what: string, schema: { safeParse: (v: unknown) => { success: boolean; error?: { message: string } } } | undefined, value: unknown) {
  if (!schema) return void problems.push(`${what}: not in the event catalogue`);
  const result = schema.safeParse(value);
  if (!result.success) problems.push(`${what}: does not match the catalogue: ${result.error?.message}\n${JSON.stringify(value).slice(0, 300)}`);
  else validated++;
}

/** Checks a payload the server sent as `event`. */
export function checkServerEvent(event: string, payload: unknown): void {
  check(`server event ${event}`, serverEvents[event as keyof typeof serverEvents]?.payload, payload);
}

/** Checks the acknowledgement the server gave to a client's `event`. */
export function checkAck(event: string, reply: unknown): void {
  check(`ack of ${event}`, clientEvents[event as keyof typeof clientEvents]?.ack, reply);
}

/** Watches a test socket: every event it receives and every ack of `emitWithAck`. */
export function watchSocket<S extends Socket>(socket: S): S {
  socket.onAny((event: string, payload: unknown) => checkServerEvent(event, payload));
  const emitWithAck = socket.emitWithAck.bind(socket);
  socket.emitWithAck = (async (event: string, ...args: unknown[]) => {
    const reply = await emitWithAck(event, ...args);
    checkAck(event, reply);
    return reply;
  }) as typeof socket.emitWithAck;
  return socket;
}

/** The problems seen since the last call. */
export function takeSocketProblems(): string[] {
  return problems.splice(0);
}

/** Records how many socket payloads this process checked, for the run's summary. */
export function recordSocketCount(runner: string): void {
  if (validated === 0) return;
  const dir = path.resolve(__dirname, '..', '.results', 'contract');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${runner}-socket-${randomUUID()}.json`), JSON.stringify({ runner, kind: 'socket', validated }));
  validated = 0;
}
