import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { toAppError, type AppError } from '../services/errors.ts';
import { clearSession } from '../services/session.service.ts';

export interface AsyncState<T> {
  /** The last successful result; kept while a new load runs (no flicker when paging). */
  data: T | undefined;
  error: AppError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever `deps` change, ignoring answers that arrive after a
 * newer request started. An expired session ends the session here, once,
 * so every page gets "back to login" for free.
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<AppError>();
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stale = false;
    setLoading(true);
    setError(undefined);
    load().then(
      (result) => {
        if (stale) return;
        setData(result);
        setLoading(false);
      },
      (thrown: unknown) => {
        if (stale) return;
        const appError = toAppError(thrown);
        setError(appError);
        setLoading(false);
        if (appError.kind === 'session-expired') clearSession('expired');
      },
    );
    return () => {
      stale = true;
    };
    // `load` is a fresh closure each render; `deps` say when it matters.
  }, [...deps, attempt]); // eslint-disable-line react-hooks/exhaustive-deps

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}
