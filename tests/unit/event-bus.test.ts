import { describe, expect, it, vi } from 'vitest';
import { raise, subscribe } from '@/lib/events/bus';

const event = { conversationId: 'c', userId: 'u', typing: true, memberIds: ['u', 'v'] };

describe('the domain event bus', () => {
  it('calls each subscriber of an event with its payload, in the order they subscribed', () => {
    const seen: string[] = [];
    const stopA = subscribe('typing.changed', (e) => void seen.push(`a:${e.userId}`));
    const stopB = subscribe('typing.changed', (e) => void seen.push(`b:${e.userId}`));
    raise('typing.changed', event);
    stopA();
    stopB();
    expect(seen).toEqual(['a:u', 'b:u']);
  });

  it('keeps going when a subscriber throws or rejects, and logs it', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const after = vi.fn();
    const stops = [
      subscribe('typing.changed', () => {
        throw new Error('boom');
      }),
      subscribe('typing.changed', () => Promise.reject(new Error('later'))),
      subscribe('typing.changed', after),
    ];
    expect(() => raise('typing.changed', event)).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    for (const stop of stops) stop();
    const logged = write.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('domain event subscriber failed'));
    write.mockRestore();
    expect(after).toHaveBeenCalledOnce();
    expect(logged).toHaveLength(2);
  });

  it('does not call a subscriber after it stopped', () => {
    const subscriber = vi.fn();
    subscribe('typing.changed', subscriber)();
    raise('typing.changed', event);
    expect(subscriber).not.toHaveBeenCalled();
  });
});
