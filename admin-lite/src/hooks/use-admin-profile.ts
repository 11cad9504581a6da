import { getAdminProfile, type AdminProfile } from '../services/admin-profile.service.ts';
import { useAsync, type AsyncState } from './use-async.ts';

export function useAdminProfile(orgId: string): AsyncState<AdminProfile> {
  return useAsync(() => getAdminProfile(orgId), [orgId]);
}
