import { useCallback, useEffect, useRef, useState } from 'react';
import { toAppError, type AppError } from '../services/errors.ts';
import { clearSession } from '../services/session.service.ts';

export type ActionOutcome<R> = { ok: true; value: R } | { ok: false; error: AppError };

export interface ActionState<A extends unknown[], R> {
  /** Runs the action; never throws: the outcome says how it went. */
  run: (...args: A) => Promise<ActionOutcome<R>>;
  busy: boolean;
  /** The last failure, mapped; cleared when a new run starts. */
  error: AppError | undefined;
  reset: () => void;
}

/**
 * A write (create, delete, import…) started by the user: busy while it runs,
 * the mapped error after a failure. An expired session ends the session, as
 * useAsync does for reads.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): ActionState<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError>();
  const latest = useRef(action);
  latest.current = action;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<ActionOutcome<R>> => {
    setBusy(true);
    setError(undefined);
    try {
      const value = await latest.current(...args);
      return { ok: true, value };
    } catch (thrown) {
      const appError = toAppError(thrown);
      if (mounted.current) setError(appError);
      if (appError.kind === 'session-expired') clearSession('expired');
      return { ok: false, error: appError };
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);

  const reset = useCallback(() => setError(undefined), []);
  return { run, busy, error, reset };
}
