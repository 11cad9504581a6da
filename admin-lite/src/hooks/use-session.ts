import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession, type AdminSession } from '../services/session.service.ts';

export function useSession(): AdminSession | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
