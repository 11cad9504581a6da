import { describe, expect, it } from 'vitest';
import { addDays, dayBounds, dayLabel, nextDays, parseRange, pgTimestampIso } from './scenario';
import { cardIdOfCredential, entryName, entryTarget, routeForPage } from './portal';
import { uuidFor } from '@yima/shared/code-protocol/test-fixtures';
import { base64urlEncode, generateKeyPair } from '@yima/shared/code-protocol/index';
import { testIssuer } from '../test-support/code-fixtures';
import type { PortalEntry } from '../services/portal.service';

describe('scenario helpers', () => {
  it('reads PostgREST tstzranges', () => {
    expect(parseRange('["2026-11-26 02:00:00+00","2026-11-26 03:30:00+00")')).toEqual({ from: '2026-11-26T02:00:00+00:00', until: '2026-11-26T03:30:00+00:00' });
    expect(parseRange('[2026-11-26T02:00:00+08:00,2026-11-26T03:00:00+08:00)')).toEqual({ from: '2026-11-26T02:00:00+08:00', until: '2026-11-26T03:00:00+08:00' });
    expect(parseRange('(,)')).toBeNull();
    expect(pgTimestampIso('2026-11-26 02:00:00.5+0530')).toBe('2026-11-26T02:00:00.5+05:30');
  });

  it('Beijing days', () => {
    const now = new Date('2026-11-25T17:00:00Z'); // 01:00 on the 26th in Beijing
    expect(nextDays(3, now)).toEqual(['2026-11-26', '2026-11-27', '2026-11-28']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(dayBounds('2026-11-26')).toEqual({ from: '2026-11-26T00:00:00+08:00', until: '2026-11-27T00:00:00+08:00' });
    expect(dayLabel('2026-11-26', now)).toBe('今天');
    expect(dayLabel('2026-11-27', now)).toBe('明天');
    expect(dayLabel('2026-11-28', now)).toBe('11月28日 周六');
  });
});

const entry = (extra: Partial<PortalEntry>): PortalEntry => ({
  id: 'e', kind: 'link', appKey: null, name: null, description: null, logoMediaId: null, linkType: null, url: null, mpAppid: null, mpPath: null, ...extra,
});

describe('portal entries', () => {
  it('built-in apps open their BUILTIN_APPS page (also without a trailing /index)', () => {
    expect(routeForPage('/pages/apps/meals/index')).toBe('meals');
    expect(routeForPage('/pages/visitor/mine/index')).toBe('visitors');
    expect(routeForPage('/pages/nowhere')).toBeNull();
    expect(entryTarget(entry({ kind: 'app', appKey: 'events' }))).toEqual({ type: 'page', route: 'events' });
    expect(entryName(entry({ kind: 'app', appKey: 'resources' }))).toBe('资源预约');
    expect(entryTarget(entry({ kind: 'app', appKey: 'unknown' }))).toEqual({ type: 'none' });
  });

  it('links and custom apps: H5 url or mini-program', () => {
    expect(entryTarget(entry({ kind: 'custom_app', name: '报修', linkType: 'h5', url: 'https://x.test/a' }))).toEqual({ type: 'h5', url: 'https://x.test/a' });
    expect(entryTarget(entry({ linkType: 'miniprogram', mpAppid: 'wx0123456789abcdef', mpPath: 'pages/a' }))).toEqual({ type: 'miniprogram', appId: 'wx0123456789abcdef', path: 'pages/a' });
    expect(entryName(entry({ name: '报修' }))).toBe('报修');
  });

  it('reads the card id out of a stored credential', () => {
    const device = generateKeyPair();
    const enrolment = testIssuer().enroll({ orgId: uuidFor(9), devicePublicKey: base64urlEncode(device.publicKey) }, 1_800_000_000);
    expect(cardIdOfCredential(enrolment.credential)).toBe(uuidFor(2));
    expect(cardIdOfCredential('not-a-credential')).toBeNull();
  });
});
