import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config';
import { TokenBucket, TypingGate, TYPING_REPEAT_MS } from '@/lib/realtime/eventBudget';

describe('a socket’s event budget', () => {
  it('allows a burst, then the refill rate, and says when the next token comes', () => {
    const bucket = new TokenBucket(40, 20, 0);
    let taken = 0;
    for (let i = 0; i < 100; i++) if (bucket.take(0)) taken++;
    expect(taken).toBe(40);
    expect(bucket.secondsUntilNext()).toBe(1);
    expect(bucket.take(49)).toBe(false);
    expect(bucket.take(50)).toBe(true); // 20 a second: one every 50 ms
    expect([...Array(30)].filter(() => bucket.take(1_050)).length).toBe(20);
  });
});

describe('the typing gate', () => {
  it('fans out a start once, coalesces repeats within the window, and lets a refresh through after it', () => {
    const gate = new TypingGate(0);
    expect(gate.admit('c', true, 0)).not.toBeNull();
    expect(gate.admit('c', true, 100)).toBeNull();
    expect(gate.admit('c', true, TYPING_REPEAT_MS - 1)).toBeNull();
    expect(gate.admit('c', true, TYPING_REPEAT_MS + 1)).not.toBeNull();
  });

  it('fans out a stop only when it ends a start others saw, and always then', () => {
    const gate = new TypingGate(0);
    expect(gate.admit('c', false, 0)).toBeNull();
    expect(gate.admit('c', true, 0)).not.toBeNull();
    expect(gate.admit('d', true, 0)).not.toBeNull();
    // The budget (two at once) is spent, yet both stops go out: nobody is left shown typing.
    expect(gate.admit('c', false, 1)).not.toBeNull();
    expect(gate.admit('d', false, 1)).not.toBeNull();
    expect(gate.admit('c', false, 2)).toBeNull();
  });

  it('keeps a flapping client to about two fan-outs a second', () => {
    const gate = new TypingGate(0);
    let sent = 0;
    for (let t = 0; t < 10_000; t += 10) if (gate.admit('c', (t / 10) % 2 === 0, t)) sent++;
    expect(sent).toBeLessThanOrEqual(2 * 10 + 2);
    expect(sent).toBeGreaterThanOrEqual(10);
  });

  it('forgets a start whose fan-out failed (a stranger’s), and gives its budget back', () => {
    const gate = new TypingGate(0);
    for (let i = 0; i < 5; i++) {
      const admitted = gate.admit('not mine', true, i);
      expect(admitted).not.toBeNull();
      admitted!.undo();
    }
    expect(gate.admit('mine', true, 5)).not.toBeNull();
  });
});

describe('configuration', () => {
  it('re-checks sockets every minute, sweeps credentials every hour and allows 60 handshakes a minute by default', () => {
    expect(parseEnv({})).toMatchObject({ socketRecheckMs: 60_000, credentialSweepMs: 3_600_000, handshakesPerMinute: 60 });
    expect(parseEnv({ SOCKET_RECHECK_SECONDS: '5', CREDENTIAL_SWEEP_SECONDS: '1', RATE_LIMIT_HANDSHAKES_PER_MINUTE: '600' })).toMatchObject({
      socketRecheckMs: 5_000,
      credentialSweepMs: 1_000,
      handshakesPerMinute: 600,
    });
    expect(() => parseEnv({ SOCKET_RECHECK_SECONDS: '0' })).toThrow(/SOCKET_RECHECK_SECONDS/);
  });
});
