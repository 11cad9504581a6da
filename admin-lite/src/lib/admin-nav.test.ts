import { describe, expect, it } from 'vitest';
import { adminProfile } from '../test/fixtures.ts';
import { buildNav, canUseFunction } from './admin-nav.ts';

const labels = (profile: Parameters<typeof buildNav>[0]) => buildNav(profile).flatMap((s) => s.items.map((i) => i.label));

describe('buildNav', () => {
  it('gives a super admin every page', () => {
    expect(labels(adminProfile({ functions: [] }))).toEqual(['layout.nav.departments', 'layout.nav.tags', 'layout.nav.import', 'layout.nav.authSettings']);
  });

  it('gives a department admin without config only the member pages', () => {
    const profile = adminProfile({ is_super: false, functions: ['notices'], scope_department_ids: ['rd'] });
    expect(labels(profile)).toEqual(['layout.nav.departments', 'layout.nav.tags', 'layout.nav.import']);
    expect(buildNav(profile).map((s) => s.label)).toEqual(['layout.section.people']);
  });

  it('shows 身份认证 to a normal admin granted config', () => {
    expect(labels(adminProfile({ is_super: false, functions: ['config'] }))).toContain('layout.nav.authSettings');
  });

  it('gives a non-admin nothing', () => {
    const profile = adminProfile({ is_admin: false, is_super: false, functions: [] });
    expect(buildNav(profile)).toEqual([]);
    expect(canUseFunction(profile, undefined)).toBe(false);
  });
});
