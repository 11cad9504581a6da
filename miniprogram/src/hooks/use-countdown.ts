import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Seconds left until a moment (the SMS resend wait). Computed from the clock
 * on each tick rather than decremented, so a backgrounded app or a throttled
 * timer does not stretch the wait.
 */
export function useCountdown(now: () => number = Date.now) {
  const [remaining, setRemaining] = useState(0);
  const endsAt = useRef(0);

  const start = useCallback(
    (seconds: number) => {
      endsAt.current = now() + seconds * 1000;
      setRemaining(Math.max(0, Math.ceil(seconds)));
    },
    [now],
  );

  // One interval while counting (keyed on `running`, not on every tick).
  const running = remaining > 0;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setRemaining(Math.max(0, Math.ceil((endsAt.current - now()) / 1000))), 1000);
    return () => clearInterval(timer);
  }, [running, now]);

  return { remaining, start };
}
