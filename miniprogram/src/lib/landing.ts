// Where a fresh session goes: to the card, to another of the account's orgs
// (switch-org), or to the claim page. Pure, so every case is a unit test.
import type { Membership, Session } from '../stores/session.store';

export type Landing =
  /** Show the card of the session's current member. */
  | { kind: 'home' }
  /** The account is a member of the org the claim link named, but the token speaks for another org. */
  | { kind: 'switch'; orgId: string }
  /** Claim a card in `org` (slug or id), or ask for the organisation code when it is undefined. */
  | { kind: 'claim'; org?: string };

/** The membership matching an org reference from a link (slug, or id). */
export function findMembership(session: Pick<Session, 'memberships'>, orgRef: string): Membership | undefined {
  const ref = orgRef.trim().toLowerCase();
  return session.memberships.find((m) => m.orgSlug.toLowerCase() === ref || m.orgId.toLowerCase() === ref);
}

/**
 * @param claimTarget the org a claim link named (kept across the login detour)
 * @param defaultOrg the deployment's own org (TARO_APP_DEFAULT_ORG), for users who came without a link
 */
export function decideLanding(session: Pick<Session, 'member' | 'memberships'>, claimTarget?: string | null, defaultOrg?: string): Landing {
  if (claimTarget) {
    const membership = findMembership(session, claimTarget);
    if (!membership) return { kind: 'claim', org: claimTarget };
    return session.member?.orgId === membership.orgId ? { kind: 'home' } : { kind: 'switch', orgId: membership.orgId };
  }
  if (!session.member) return { kind: 'claim', org: defaultOrg };
  return { kind: 'home' };
}
