import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CodeWallet } from '../lib/code-wallet';
import { createCodeGenerator, type CodeFrame } from '../lib/dynamic-code';
import type { EnsuredCredential } from '../lib/enrolment';

/**
 * The code on screen: a new one at every step and on `refresh()` (a tap),
 * with the seconds left until the next. A 1 s tick compares against the clock
 * rather than counting, so a backgrounded or throttled app catches up at once.
 * While `active` is false (page hidden) nothing is made: no counters are
 * spent on codes nobody sees; on return a due code is replaced at once.
 */
export function useDynamicCode(ensured: EnsuredCredential | null, wallet: CodeWallet, active = true, now: () => number = Date.now) {
  const generator = useMemo(
    () => (ensured ? createCodeGenerator({ wallet, credential: ensured.credential, deviceKey: ensured.deviceKey, now }) : null),
    // A new generator only for another credential, not for every re-render.
    [ensured?.credential.credentialId, ensured?.deviceKey, wallet, now],
  );
  const [frame, setFrame] = useState<CodeFrame | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [expired, setExpired] = useState(false);

  const show = useCallback(() => {
    if (!generator) return;
    const next = generator.next();
    setFrame(next);
    setExpired(next === null);
    setSecondsLeft(generator.secondsLeft());
  }, [generator]);

  useEffect(() => {
    setFrame(null);
    setExpired(false);
  }, [generator]);

  useEffect(() => {
    if (!generator || !active) return undefined;
    if (generator.due()) show();
    const timer = setInterval(() => {
      if (generator.expired()) {
        setFrame(null);
        setExpired(true);
        return;
      }
      if (generator.due()) show();
      else setSecondsLeft(generator.secondsLeft());
    }, 1000);
    return () => clearInterval(timer);
  }, [generator, show, active]);

  return { frame, secondsLeft, expired, refresh: show };
}
