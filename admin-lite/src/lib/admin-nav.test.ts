import { describe, expect, it } from 'vitest';
import { adminProfile } from '../test/fixtures.ts';
import { buildNav, canUseFunction } from './admin-nav.ts';

const labels = (profile: Parameters<typeof buildNav>[0]) => buildNav(profile).flatMap((s) => s.items.map((i) => i.label));

describe('buildNav', () => {
  it('gives a super admin every page', () => {
    expect(labels(adminProfile({ functions: [] }))).toEqual([
      'layout.nav.departments',
      'layout.nav.tags',
      'layout.nav.import',
      'layout.nav.cards',
      'layout.nav.points',
      'layout.nav.accessRules',
      'layout.nav.accessEvents',
      'layout.nav.riskEvents',
      'layout.nav.merchants',
      'layout.nav.subsidies',
      'layout.nav.transactions',
      'layout.nav.paymentReports',
      'layout.nav.visits',
      'layout.nav.visitorSettings',
      'layout.nav.visitorForm',
      'layout.nav.appSquare',
      'layout.nav.serviceHall',
      'layout.nav.events',
      'layout.nav.registration',
      'layout.nav.mealBooking',
      'layout.nav.resources',
      'layout.nav.resourceBookings',
      'layout.nav.notices',
      'layout.nav.authSettings',
      'layout.nav.codeSettings',
      'layout.nav.permissions',
      'layout.nav.orgTickets',
      'layout.nav.audit',
    ]);
  });

  it('adds the 运营 section only for platform operators', () => {
    expect(buildNav(adminProfile()).map((s) => s.label)).not.toContain('layout.section.ops');
    const ops = buildNav(adminProfile({ is_super: false, functions: [] }), { isOperator: true }).find((s) => s.label === 'layout.section.ops');
    expect(ops?.items.map((i) => i.label)).toEqual(['layout.nav.opsSubscriptions', 'layout.nav.opsTickets', 'layout.nav.opsTicketReport']);
  });

  it('gives a department admin with only notices the member pages and 通知公告', () => {
    const profile = adminProfile({ is_super: false, functions: ['notices'], scope_department_ids: ['rd'] });
    expect(labels(profile)).toEqual(['layout.nav.departments', 'layout.nav.tags', 'layout.nav.import', 'layout.nav.notices']);
    expect(buildNav(profile).map((s) => s.label)).toEqual(['layout.section.people', 'layout.section.messages']);
  });

  it('hides 通知公告 from a scoped admin without the notices function', () => {
    expect(labels(adminProfile({ is_super: false, functions: ['cards'], scope_department_ids: ['rd'] }))).not.toContain('layout.nav.notices');
  });

  it('shows 身份认证 to a normal admin granted config', () => {
    expect(labels(adminProfile({ is_super: false, functions: ['config'] }))).toContain('layout.nav.authSettings');
  });

  it('shows the card pages only with the cards function, and 安全策略 only with config', () => {
    const cardsOnly = labels(adminProfile({ is_super: false, functions: ['cards'], scope_department_ids: ['rd'] }));
    expect(cardsOnly).toEqual(['layout.nav.departments', 'layout.nav.tags', 'layout.nav.import', 'layout.nav.cards', 'layout.nav.points', 'layout.nav.accessRules', 'layout.nav.accessEvents', 'layout.nav.riskEvents']);
    const configOnly = labels(adminProfile({ is_super: false, functions: ['config'] }));
    expect(configOnly).toContain('layout.nav.codeSettings');
    expect(configOnly).not.toContain('layout.nav.cards');
  });

  it('shows the 支付 pages only with the payment function', () => {
    const payment = buildNav(adminProfile({ is_super: false, functions: ['payment'] }));
    expect(payment.map((s) => s.label)).toEqual(['layout.section.people', 'layout.section.payment']);
    expect(payment[1]!.items.map((i) => i.label)).toEqual(['layout.nav.merchants', 'layout.nav.subsidies', 'layout.nav.transactions', 'layout.nav.paymentReports']);
    expect(labels(adminProfile({ is_super: false, functions: ['notices', 'cards'] }))).not.toContain('layout.nav.merchants');
  });

  it('shows the 访客 pages only with the config function', () => {
    const config = buildNav(adminProfile({ is_super: false, functions: ['config'] }));
    expect(config.find((s) => s.label === 'layout.section.visitors')!.items.map((i) => i.label)).toEqual(['layout.nav.visits', 'layout.nav.visitorSettings', 'layout.nav.visitorForm']);
    expect(labels(adminProfile({ is_super: false, functions: ['cards', 'payment', 'notices'] }))).not.toContain('layout.nav.visits');
  });

  it('shows the 场景应用 pages of the apps granted to the admin groups', () => {
    const events = buildNav(adminProfile({ is_super: false, functions: [], apps: ['events', 'resources'] }));
    expect(events.find((s) => s.label === 'layout.section.scenario')!.items.map((i) => i.label)).toEqual(['layout.nav.events', 'layout.nav.resources', 'layout.nav.resourceBookings']);
    expect(labels(adminProfile({ is_super: false, functions: ['payment', 'config', 'cards', 'notices', 'apps'], apps: [] }))).not.toContain('layout.nav.mealBooking');
    expect(labels(adminProfile({ is_super: false, functions: [], apps: ['meal_booking', 'visitors'] }))).toContain('layout.nav.mealBooking');
  });

  it('shows 应用管理 and 服务大厅 with the apps function, and 权限配置 only to super admins', () => {
    const apps = labels(adminProfile({ is_super: false, functions: ['apps'] }));
    expect(apps).toContain('layout.nav.appSquare');
    expect(apps).toContain('layout.nav.serviceHall');
    expect(apps).not.toContain('layout.nav.permissions');
    expect(labels(adminProfile({ is_super: false, functions: ['notices', 'cards', 'config', 'payment'] }))).not.toContain('layout.nav.appSquare');
  });

  it('gives a non-admin nothing', () => {
    const profile = adminProfile({ is_admin: false, is_super: false, functions: [] });
    expect(buildNav(profile)).toEqual([]);
    expect(canUseFunction(profile, undefined)).toBe(false);
  });
});
