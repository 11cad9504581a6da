import type { DepartmentRow } from '../services/departments.service.ts';
import type { MemberRow } from '../services/members.service.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import type { AdminSession } from '../services/session.service.ts';

export const ORG_ID = '11111111-1111-4111-8111-111111111111';

export function department(id: string, parentId: string | null, name: string, extra: Partial<DepartmentRow> = {}): DepartmentRow {
  return { id, org_id: ORG_ID, parent_id: parentId, name, path: id, is_default: false, sort_order: 0, ...extra };
}

/** 总部 > 研发中心 > {前端组, 后端组}; 总部 > 行政部; 未分组 (default). */
export const DEPARTMENTS: DepartmentRow[] = [
  department('hq', null, '总部', { sort_order: 1 }),
  department('rd', 'hq', '研发中心', { sort_order: 1 }),
  department('fe', 'rd', '前端组', { sort_order: 1 }),
  department('be', 'rd', '后端组', { sort_order: 2 }),
  department('adm', 'hq', '行政部', { sort_order: 2 }),
  department('none', null, '未分组', { is_default: true }),
];

export function member(n: number, extra: Partial<MemberRow> = {}): MemberRow {
  const no = String(n).padStart(3, '0');
  return {
    id: `m-${no}`,
    org_id: ORG_ID,
    account_id: null,
    employee_no: `E${no}`,
    name: `成员${no}`,
    phone: `13800000${no}`,
    id_card_number: `110${'*'.repeat(11)}${no}X`,
    department_id: 'fe',
    status: 'active',
    claimed_at: null,
    created_at: '2026-01-01T00:00:00Z',
    tags: [],
    last_invite: null,
    ...extra,
  };
}

export const ORG_B_ID = '22222222-2222-4222-8222-222222222222';

export function adminSession(extra: Partial<AdminSession> = {}): AdminSession {
  return {
    accessToken: 'token-abc',
    expiresAt: Date.now() + 3_600_000,
    refreshToken: 'refresh-abc-0123456789',
    userId: 'acc-1',
    member: { id: 'm-admin', org_id: ORG_ID, name: '张伟', department_id: 'hq' },
    orgName: '示范科技有限公司',
    memberships: [{ org_id: ORG_ID, org_name: '示范科技有限公司' }],
    ...extra,
  };
}

export function adminProfile(extra: Partial<AdminProfile> = {}): AdminProfile {
  return {
    org_id: ORG_ID,
    is_admin: true,
    is_super: true,
    functions: ['notices', 'cards', 'config', 'payment', 'apps'],
    apps: [],
    scope_department_ids: null,
    ...extra,
  };
}

/** A session body as the auth-* functions answer it. */
export function tokenBody(extra: Record<string, unknown> = {}) {
  return {
    access_token: 'jwt-new',
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    refresh_token: 'refresh-new-0123456789',
    user: { id: 'acc-1' },
    member: { id: 'm-admin', org_id: ORG_ID, name: '张伟', department_id: 'hq' },
    memberships: [{ org_id: ORG_ID, org_name: '示范科技有限公司', org_slug: 'demo', member_id: 'm-admin', member_name: '张伟', department_id: 'hq' }],
    ...extra,
  };
}
