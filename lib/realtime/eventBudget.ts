// What one socket may ask of the server: a token bucket of client events (any event, so typing
// and read receipts, which have no per-user limit of their own, count too), and typing fanned out
// only when it changes, at most about twice a second. Per socket and in memory: a socket lives on
// one process, and a user's sockets are capped (handshake.ts).

/** A token bucket: `capacity` at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  /** Takes a token if there is one. `orOwe` takes it anyway, so the debt delays what comes next. */
  take(now = Date.now(), orOwe = false): boolean {
    // A clock that steps back refills nothing (and takes nothing).
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.at) / 1000) * this.perSecond);
    this.at = Math.max(this.at, now);
    if (this.tokens < 1 && !orOwe) return false;
    this.tokens -= 1;
    return true;
  }

  /** Gives back a token taken for something that did not happen. */
  refund(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /** Seconds until a token is there again. */
  secondsUntilNext(): number {
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }
}

/** Client events per socket: a burst of 40, then 20 a second. */
export const SOCKET_EVENT_BURST = 40;
export const SOCKET_EVENTS_PER_SECOND = 20;

/** A repeated "typing: true" within this long is acknowledged and not fanned out again. */
export const TYPING_REPEAT_MS = 500;
/** Typing fan-outs per socket: two at once, then two a second. */
const TYPING_BURST = 2;
const TYPING_PER_SECOND = 2;

/**
 * Decides which typing events of one socket reach the other members: a start, unless it repeats
 * one fanned out less than TYPING_REPEAT_MS ago or the budget is spent; a stop, only when it ends
 * a start the others saw (always then, so nobody is left shown typing; it is owed to the budget).
 * Only what was fanned out is remembered, so a stranger's typing always reaches the membership
 * check (and its refusal costs no budget); a stop nobody saw a start of is an answer that says
 * nothing about the conversation.
 */
export class TypingGate {
  private readonly last = new Map<string, { typing: boolean; at: number }>();
  private readonly budget: TokenBucket;

  constructor(now = Date.now()) {
    this.budget = new TokenBucket(TYPING_BURST, TYPING_PER_SECOND, now);
  }

  /** Whether to fan this out; if so it is recorded as sent, and `undo` forgets it when the fan-out fails. */
  admit(conversationId: string, typing: boolean, now = Date.now()): { undo: () => void } | null {
    const previous = this.last.get(conversationId);
    if (typing ? previous?.typing && now - previous.at < TYPING_REPEAT_MS : !previous?.typing) return null;
    if (!this.budget.take(now, !typing)) return null;
    this.last.set(conversationId, { typing, at: now });
    return {
      undo: () => {
        if (previous) this.last.set(conversationId, previous);
        else this.last.delete(conversationId);
        this.budget.refund();
      },
    };
  }
}
