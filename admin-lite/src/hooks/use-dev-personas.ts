import { listDevPersonas, type DevPersona } from '../services/auth.service.ts';
import { useAsync, type AsyncState } from './use-async.ts';

export function useDevPersonas(): AsyncState<DevPersona[]> {
  return useAsync(() => listDevPersonas(), []);
}
