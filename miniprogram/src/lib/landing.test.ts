import { describe, expect, it } from 'vitest';
import { membershipA, membershipB, ORG_A, ORG_B, sessionFor, unclaimedSession } from '../test-support/sessions';
import { decideLanding } from './landing';

describe('decideLanding', () => {
  const twoOrgs = sessionFor({ memberships: [membershipA, membershipB] });

  it('goes to the card when the session has a member and no link was opened', () => {
    expect(decideLanding(sessionFor())).toEqual({ kind: 'home' });
  });

  it('asks to claim a card when the account has none (default org, or ask for the code)', () => {
    expect(decideLanding(unclaimedSession())).toEqual({ kind: 'claim', org: undefined });
    expect(decideLanding(unclaimedSession(), null, 'demo')).toEqual({ kind: 'claim', org: 'demo' });
  });

  it('claims in the org a link named when the account is not a member there', () => {
    expect(decideLanding(sessionFor(), 'neighbour')).toEqual({ kind: 'claim', org: 'neighbour' });
    expect(decideLanding(unclaimedSession(), 'demo', 'other')).toEqual({ kind: 'claim', org: 'demo' });
  });

  it('goes to the card when the link names the current org (by slug or id, any case)', () => {
    expect(decideLanding(twoOrgs, 'demo')).toEqual({ kind: 'home' });
    expect(decideLanding(twoOrgs, 'DEMO')).toEqual({ kind: 'home' });
    expect(decideLanding(twoOrgs, ORG_A)).toEqual({ kind: 'home' });
  });

  it('switches org when the link names another org the account belongs to', () => {
    expect(decideLanding(twoOrgs, 'neighbour')).toEqual({ kind: 'switch', orgId: ORG_B });
  });
});
