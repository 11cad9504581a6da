import { listMembers, type MemberListQuery, type MemberPage } from '../services/members.service.ts';
import { useAsync, type AsyncState } from './use-async.ts';

/** One page of members; `enabled: false` waits (e.g. until departments load). */
export function useMembers(query: MemberListQuery, enabled = true): AsyncState<MemberPage> {
  const departmentKey = query.departmentIds ? query.departmentIds.join(',') : '*';
  return useAsync(
    () => (enabled ? listMembers(query) : new Promise<never>(() => {})),
    [enabled, query.orgId, departmentKey, query.search ?? '', query.unclaimedOnly ?? false, query.tagId ?? '', query.page, query.pageSize],
  );
}
