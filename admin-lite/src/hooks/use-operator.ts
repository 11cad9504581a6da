import { useAsync } from './use-async.ts';
import { isPlatformOperator } from '../services/subscriptions.service.ts';

/**
 * Whether the signed-in account is a platform operator (subscriptions_overview
 * succeeds): undefined while checking, false when refused or when the check
 * fails, so the 运营 section only appears once the backend has said yes.
 */
export function useIsOperator(userId: string): boolean | undefined {
  const state = useAsync(() => isPlatformOperator(), [userId]);
  if (state.data !== undefined && !state.loading) return state.data;
  return state.error ? false : state.data;
}
