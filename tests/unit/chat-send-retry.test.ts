// Sends refused by a rate limit: the wait the server names, the countdown beside the message, the
// send going again by itself when the wait is over, and Retry all; plus the counts and the
// read-only direct conversation the chat shows.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localId, type ChatState, type StateCell } from '@/lib/client/chatState';
import { failedSends, retryAfterOf, withoutWait } from '@/lib/client/pending';
import { isWithDeletedAccount } from '@/lib/client/selectors';
import { memberCount, retryCountdown } from '@/components/chat/format';
import { conversation, member, ME, message, stateWith } from './chat-fixtures';

type Reply = { ok: false; error: { code: string; message: string } };
const replies: Reply[] = [];
const sent: { clientId: string; body: string }[] = [];
const stored = { seq: 1 };

// The socket, as the send queue sees it: connected, answering each send with the next reply.
vi.mock('@/lib/client/socket', () => {
  class AckError extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  }
  return {
    AckError,
    getSocket: () => ({ connected: true }),
    request: async (_event: string, payload: { clientId: string; body: string }) => {
      sent.push({ clientId: payload.clientId, body: payload.body });
      const reply = replies.shift();
      if (reply && !reply.ok) throw new AckError(reply.error.code, reply.error.message);
      const seq = ++stored.seq;
      return {
        ok: true,
        message: message(seq, { clientId: payload.clientId, body: payload.body, sender: { id: ME, username: ME, displayName: 'Me', avatarUrl: null } }),
      };
    },
  };
});

const { SendQueue } = await import('@/lib/client/sendQueue');

function cellOf(initial: ChatState): StateCell {
  let state = initial;
  return { get: () => state, set: (next) => void (state = next) };
}

const limited = (seconds: number) => ({ ok: false as const, error: { code: 'rate_limited', message: `Too many messages. Try again in ${seconds} s.` } });
const mine = (cell: StateCell) => Object.values(cell.get().messages).filter((m) => m.clientId);

describe('a rate-limited send', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    replies.length = 0;
    sent.length = 0;
    stored.seq = 1;
    vi.stubGlobal('crypto', {
      randomUUID: (() => {
        let n = 0;
        return () => `client-${++n}`;
      })(),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows as not sent with the wait the server named, then goes again by itself when the wait is over', async () => {
    const cell = cellOf(stateWith([1]));
    const queue = new SendQueue(cell);
    replies.push(limited(8));
    queue.send('c1', 'hello');
    await vi.advanceTimersByTimeAsync(0);
    const [waiting] = mine(cell);
    expect(waiting).toMatchObject({ status: 'failed', error: 'Too many messages.', retryAt: Date.now() + 8000 });

    await vi.advanceTimersByTimeAsync(7999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => s.clientId)).toEqual(['client-1', 'client-1']);
    expect(mine(cell)).toEqual([expect.objectContaining({ status: 'sent', body: 'hello' })]);
    expect(cell.get().messages[localId('client-1')]).toBeUndefined();
  });

  it('waits again when the retry is refused again, and not at all after a discard', async () => {
    const cell = cellOf(stateWith([1]));
    const queue = new SendQueue(cell);
    replies.push(limited(2), limited(3));
    queue.send('c1', 'twice refused');
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(2);
    expect(mine(cell)[0]).toMatchObject({ status: 'failed', retryAt: Date.now() + 3000 });
    queue.discard('client-1');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(2);
    expect(mine(cell)).toEqual([]);
  });

  it('does not retry by itself a refusal that names no wait', async () => {
    const cell = cellOf(stateWith([1]));
    const queue = new SendQueue(cell);
    replies.push({ ok: false, error: { code: 'forbidden', message: 'You are not a member of this conversation.' } });
    queue.send('c1', 'no');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toHaveLength(1);
    expect(mine(cell)[0]).toMatchObject({ status: 'failed', error: 'You are not a member of this conversation.' });
    expect(mine(cell)[0].retryAt).toBeUndefined();
  });

  it('Retry all sends every failed message of the conversation again now, in the order they were written', async () => {
    const cell = cellOf(stateWith([1]));
    const queue = new SendQueue(cell);
    replies.push(limited(60), limited(60));
    queue.send('c1', 'one');
    queue.send('c1', 'two');
    await vi.advanceTimersByTimeAsync(0);
    expect(failedSends(cell.get(), 'c1')).toEqual(['client-1', 'client-2']);
    queue.retryAll('c1');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.body)).toEqual(['one', 'two', 'one', 'two']);
    expect(failedSends(cell.get(), 'c1')).toEqual([]);
    // The minute's timers were cleared: nothing goes a third time.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(4);
  });
});

describe('what the chat says about it', () => {
  it('reads the wait from a rate_limited refusal, with a default when it names none', () => {
    expect(retryAfterOf({ code: 'rate_limited', message: 'Too many messages. Try again in 8 s.' })).toBe(8);
    expect(retryAfterOf({ code: 'rate_limited', message: 'Slow down.' })).toBe(5);
    expect(retryAfterOf({ code: 'rate_limited', message: 'Slow down.', retryAfter: 12 })).toBe(12);
    expect(retryAfterOf({ code: 'forbidden', message: 'Try again in 8 s.' })).toBeNull();
    expect(withoutWait('Too many events on this connection. Try again in 2 s.')).toBe('Too many events on this connection.');
    expect(withoutWait('Try again in 2 s.')).toBe('Try again in 2 s.');
  });

  it('counts down in whole seconds, rounded up, and says when it is going', () => {
    const at = 100_000;
    expect(retryCountdown(at, at - 8000)).toBe('Sending again in 8 s');
    expect(retryCountdown(at, at - 7001)).toBe('Sending again in 8 s');
    expect(retryCountdown(at, at - 7000)).toBe('Sending again in 7 s');
    expect(retryCountdown(at, at - 1)).toBe('Sending again in 1 s');
    expect(retryCountdown(at, at)).toBe('Sending again…');
  });

  it('says "1 member" and "2 members"', () => {
    expect([0, 1, 2, 1200].map(memberCount)).toEqual(['0 members', '1 member', '2 members', '1,200 members']);
  });

  it('knows a direct conversation whose other person deleted their account, and nothing else, as one with a deleted account', () => {
    expect(isWithDeletedAccount(conversation({ type: 'direct', title: null, members: [member(ME)] }), ME)).toBe(true);
    expect(isWithDeletedAccount(conversation({ type: 'direct', title: null, members: [member(ME), member('u-ann')] }), ME)).toBe(false);
    expect(isWithDeletedAccount(conversation({ members: [member(ME, 'owner')] }), ME)).toBe(false);
  });
});
