'use client';

import { useEffect, useState } from 'react';
import { retryCountdown } from './format';

/** "Sending again in 8 s", one second at a time, on the second: the send goes by itself (sendQueue.ts). */
export function RetryCountdown({ at }: { at: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const untilNextSecond = () => (at - Date.now()) % 1000 || 1000;
    const tick = () => {
      setNow(Date.now());
      if (at > Date.now()) timer = setTimeout(tick, untilNextSecond());
    };
    timer = setTimeout(tick, Math.max(0, untilNextSecond()));
    return () => clearTimeout(timer);
  }, [at]);
  // Not a live region: read when reached, never announced every second.
  return <span data-testid="retry-countdown">{retryCountdown(at, now)}</span>;
}
