import { useCallback, useState } from 'react';

export interface BusyTask {
  busy: boolean;
  /** The last run threw (cleared when a new run starts). */
  failed: boolean;
  /** Runs `task`; never throws: a failure sets `failed`. */
  run: (task: () => Promise<void>) => Promise<void>;
}

/** A local task the user starts (an xlsx export, a PNG download): busy while it runs, failed after it threw. */
export function useBusyTask(): BusyTask {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = useCallback(async (task: () => Promise<void>) => {
    setBusy(true);
    setFailed(false);
    try {
      await task();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failed, run };
}
