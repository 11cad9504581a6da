import { getOrg } from '../services/orgs.service.ts';
import type { AdminSession } from '../services/session.service.ts';
import { useAsync } from './use-async.ts';

/** The org's name for the header: from the session when login knew it, else from `orgs`. */
export function useOrgName(session: AdminSession): string | undefined {
  const known = session.orgName;
  const { data } = useAsync(
    () => (known !== undefined ? Promise.resolve(known) : getOrg(session.member.org_id).then((org) => org.name)),
    [known, session.member.org_id],
  );
  return data;
}
