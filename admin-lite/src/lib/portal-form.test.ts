import { describe, expect, it } from 'vitest';
import { checkLink, emptyLink, moveChanges, nextSortOrder, visibilityDraftOf, visibilityOf } from './portal-form.ts';

describe('checkLink', () => {
  it('needs an https URL for H5', () => {
    expect(checkLink({ ...emptyLink(), url: 'http://a.example.com' })).toEqual({ ok: false, errors: { url: 'urlRule' } });
    expect(checkLink({ ...emptyLink(), url: ' https://a.example.com ', mpAppid: 'gh_x' })).toEqual({ ok: true, value: { link_type: 'h5', url: 'https://a.example.com', mp_appid: null, mp_path: null } });
  });

  it('needs an original id or AppID for a mini-program; the fallback URL is optional', () => {
    expect(checkLink({ linkType: 'miniprogram', url: '', mpAppid: 'gh_123', mpPath: '' })).toEqual({ ok: false, errors: { mpAppid: 'appidRule' } });
    expect(checkLink({ linkType: 'miniprogram', url: '', mpAppid: 'gh_0123456789ab', mpPath: ' pages/index ' })).toEqual({
      ok: true,
      value: { link_type: 'miniprogram', url: null, mp_appid: 'gh_0123456789ab', mp_path: 'pages/index' },
    });
    expect(checkLink({ linkType: 'miniprogram', url: 'ftp://x', mpAppid: 'wx0123456789abcdef', mpPath: '' })).toEqual({ ok: false, errors: { url: 'urlRule' } });
  });
});

describe('visibility drafts', () => {
  it('keeps only non-empty lists and splits identities', () => {
    expect(visibilityOf({ departments: [], tags: ['t1'], identities: '正式员工、 实习生', members: [{ id: 'm1', name: '李娜' }] })).toEqual({ tags: ['t1'], identities: ['正式员工', '实习生'], members: ['m1'] });
    expect(visibilityOf(visibilityDraftOf({}))).toEqual({});
  });
});

describe('moveChanges', () => {
  const rows = [
    { id: 'a', sort_order: 10 },
    { id: 'b', sort_order: 20 },
    { id: 'c', sort_order: 30 },
  ];
  it('swaps with the neighbour and renumbers only what changes', () => {
    expect(moveChanges(rows, 2, -1)).toEqual([
      { id: 'c', sort_order: 20 },
      { id: 'b', sort_order: 30 },
    ]);
    expect(moveChanges(rows, 0, -1)).toEqual([]);
    expect(moveChanges(rows, 2, 1)).toEqual([]);
  });
  it('proposes the next order', () => {
    expect(nextSortOrder(rows)).toBe(40);
    expect(nextSortOrder([])).toBe(10);
  });
});
