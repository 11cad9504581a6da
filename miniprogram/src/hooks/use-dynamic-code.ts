import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CodeWallet } from '../lib/code-wallet';
import { correctedClock } from '../lib/clock-offset';
import { createCodeGenerator, type CodeFrame } from '../lib/dynamic-code';
import type { EnsuredCredential } from '../lib/enrolment';

/**
 * The code on screen: a new one at every step and on `refresh()` (a tap),
 * with the seconds left until the next. A 1 s tick compares against the clock
 * rather than counting, so a backgrounded or throttled app catches up at once.
 * While `active` is false (page hidden) nothing is made: no counters are
 * spent on codes nobody sees; on return a due code is replaced at once.
 * Codes are made on the server's time: the phone's clock plus the offset
 * stored with the credential, followed when a later measurement changes it.
 */
export function useDynamicCode(ensured: EnsuredCredential | null, wallet: CodeWallet, active = true, now: () => number = Date.now) {
  const clockOffsetMs = useStoredClockOffset(ensured, wallet);
  const clock = useMemo(() => correctedClock(clockOffsetMs, now), [clockOffsetMs, now]);
  const generator = useMemo(
    () => (ensured ? createCodeGenerator({ wallet, credential: ensured.credential, deviceKey: ensured.deviceKey, now: clock }) : null),
    // A new generator only for another credential or clock, not for every re-render.
    [ensured?.credential.credentialId, ensured?.deviceKey, wallet, clock],
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

  return { frame, secondsLeft, expired, refresh: show, clockOffsetMs };
}

/** The credential's clock offset (ms), following updates the wallet makes while the code is shown. */
function useStoredClockOffset(ensured: EnsuredCredential | null, wallet: CodeWallet): number {
  // Updates only: the offset the credential came with applies from the first render on.
  const [update, setUpdate] = useState<{ credentialId: string; offsetMs: number } | null>(null);
  const orgId = ensured?.credential.orgId;
  const memberId = ensured?.credential.memberId;
  const credentialId = ensured?.credential.credentialId;
  useEffect(() => {
    if (!orgId || !memberId || !credentialId) return undefined;
    return wallet.onClockOffsetChange(() => {
      const stored = wallet.credentialFor(orgId, memberId);
      if (stored && stored.credentialId === credentialId) setUpdate({ credentialId, offsetMs: stored.clockOffsetMs ?? 0 });
    });
  }, [wallet, orgId, memberId, credentialId]);
  return update && update.credentialId === credentialId ? update.offsetMs : ensured?.credential.clockOffsetMs ?? 0;
}
