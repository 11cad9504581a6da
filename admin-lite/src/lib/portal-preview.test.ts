import { describe, expect, it } from 'vitest';
import { ORG_ID } from '../test/fixtures.ts';
import type { CustomAppRow } from '../services/apps.service.ts';
import type { CategoryRow, EntryRow } from '../services/portal.service.ts';
import { ancestorIds, previewHall, visibilityMatches, type PreviewViewer } from './portal-preview.ts';

const parents = new Map<string, string | null>([
  ['hq', null],
  ['rd', 'hq'],
  ['fe', 'rd'],
  ['adm', 'hq'],
]);
const viewer = (extra: Partial<PreviewViewer> = {}): PreviewViewer => ({ departmentId: '', tagIds: [], identity: '', memberId: '', ...extra });
const category = (id: string, sort: number, visibility: CategoryRow['visibility'] = {}): CategoryRow => ({ id, org_id: ORG_ID, card_id: 'card', name: `分类${id}`, sort_order: sort, visibility });
const entry = (id: string, categoryId: string, extra: Partial<EntryRow>): EntryRow => ({
  id, org_id: ORG_ID, category_id: categoryId, kind: 'app', app_key: null, custom_app_id: null, name: null, link_type: null, url: null, mp_appid: null, mp_path: null, sort_order: 10, ...extra,
});

describe('visibilityMatches', () => {
  it('matches everyone when empty, else any of department subtree, tag, identity, member', () => {
    expect(visibilityMatches({}, viewer(), new Set())).toBe(true);
    expect(visibilityMatches({ departments: ['rd'] }, viewer({ departmentId: 'fe' }), ancestorIds('fe', parents))).toBe(true);
    expect(visibilityMatches({ departments: ['rd'] }, viewer({ departmentId: 'adm' }), ancestorIds('adm', parents))).toBe(false);
    expect(visibilityMatches({ departments: ['rd'], tags: ['t1'] }, viewer({ tagIds: ['t1'] }), new Set())).toBe(true);
    expect(visibilityMatches({ identities: ['实习生'] }, viewer({ identity: ' 实习生 ' }), new Set())).toBe(true);
    expect(visibilityMatches({ members: ['m1'] }, viewer({ memberId: 'm1' }), new Set())).toBe(true);
    expect(visibilityMatches({ members: ['m1'] }, viewer(), new Set())).toBe(false);
  });
});

describe('previewHall', () => {
  it('shows visible categories in order with enabled apps, enabled self-built apps and links', () => {
    const customApps = [
      { id: 'ca1', name: '报修', enabled: true, logo_media_id: 'logo-1' },
      { id: 'ca2', name: '旧系统', enabled: false, logo_media_id: null },
    ] as CustomAppRow[];
    const result = previewHall({
      categories: [category('b', 20), category('a', 10), category('hidden', 5, { tags: ['t9'] })],
      entries: [
        entry('e1', 'a', { kind: 'app', app_key: 'visitors', sort_order: 20 }),
        entry('e2', 'a', { kind: 'app', app_key: 'events', sort_order: 10 }),
        entry('e3', 'a', { kind: 'custom_app', custom_app_id: 'ca1', sort_order: 5 }),
        entry('e4', 'b', { kind: 'custom_app', custom_app_id: 'ca2' }),
        entry('e5', 'b', { kind: 'link', name: '食堂菜单', link_type: 'h5', url: 'https://m.example.com' }),
        entry('e6', 'hidden', { kind: 'link', name: '秘密' }),
      ],
      enabledApps: new Set(['visitors']),
      customApps,
      viewer: viewer(),
      ancestors: new Set(),
    });
    expect(result).toEqual([
      { id: 'a', name: '分类a', entries: [{ id: 'e3', name: '报修', logoMediaId: 'logo-1' }, { id: 'e1', name: '访客预约', logoMediaId: null }] },
      { id: 'b', name: '分类b', entries: [{ id: 'e5', name: '食堂菜单', logoMediaId: null }] },
    ]);
  });
});
