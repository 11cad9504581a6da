import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccessRule, deleteAccessRule, listAccessRules, type AccessRuleRow } from '../services/access-rules.service.ts';
import { listDepartments } from '../services/departments.service.ts';
import { listMembers } from '../services/members.service.ts';
import { listPoints } from '../services/points.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminProfile, adminSession, DEPARTMENTS, member, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { AccessRulesPage } from './access-rules-page.tsx';

vi.mock('../services/access-rules.service.ts', () => ({ listAccessRules: vi.fn(), createAccessRule: vi.fn(), updateAccessRule: vi.fn(), deleteAccessRule: vi.fn() }));
vi.mock('../services/points.service.ts', () => ({ listPoints: vi.fn() }));
vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn() }));
vi.mock('../services/members.service.ts', () => ({ listMembers: vi.fn() }));

const rule = (extra: Partial<AccessRuleRow> = {}): AccessRuleRow => ({
  id: 'r1',
  org_id: ORG_ID,
  name: '研发工作日',
  point_id: 'p1',
  department_id: 'rd',
  tag_id: null,
  member_id: null,
  effect: 'allow',
  weekdays: [1, 2, 3, 4, 5],
  time_from: '08:00',
  time_until: '20:00',
  member_name: null,
  ...extra,
});

beforeEach(() => {
  vi.mocked(listAccessRules).mockResolvedValue([rule()]);
  vi.mocked(listPoints).mockResolvedValue([{ id: 'p1', org_id: ORG_ID, name: '研发楼闸机', kind: 'gate', location: null, required_scopes: 0, active: true, created_at: '', site_id: null, stall_id: null }]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listTags).mockResolvedValue([]);
  vi.mocked(listMembers).mockResolvedValue({ rows: [member(7, { name: '王芳' })], total: 1, page: 1, pageSize: 20 });
});

const renderPage = () => renderRoute('/access-rules', '/access-rules', <AccessRulesPage session={adminSession()} profile={adminProfile()} />);

describe('AccessRulesPage', () => {
  it('explains the semantics and lists rules in words', async () => {
    renderPage();
    expect(screen.getByText(/禁止优先/)).toBeTruthy();
    expect(screen.getByText(/只放行命中允许规则的人/)).toBeTruthy();
    const row = (await screen.findByText('研发工作日')).closest('tr')!;
    await waitFor(() => expect(within(row).getByText('研发楼闸机')).toBeTruthy());
    expect(within(row).getByText('部门（含下级）：研发中心')).toBeTruthy();
    expect(within(row).getByText('工作日')).toBeTruthy();
    expect(within(row).getByText('08:00–20:00')).toBeTruthy();
  });

  it('creates a deny rule for a member at all points', async () => {
    vi.mocked(createAccessRule).mockImplementation(async (_org, input) => rule({ ...input, id: 'r2' }));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '新增规则' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('规则名称'), { target: { value: '王芳禁行' } });
    fireEvent.change(within(dialog).getByLabelText('适用对象'), { target: { value: 'member' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请选择适用对象')).toBeTruthy();
    await within(dialog).findByRole('option', { name: '王芳（E007）' });
    fireEvent.change(within(dialog).getByLabelText('成员'), { target: { value: 'm-007' } });
    fireEvent.click(within(dialog).getByRole('radio', { name: '禁止' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '周日' }));
    fireEvent.change(within(dialog).getByLabelText('开始'), { target: { value: '18:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(createAccessRule).toHaveBeenCalledWith(ORG_ID, {
        name: '王芳禁行',
        point_id: null,
        department_id: null,
        tag_id: null,
        member_id: 'm-007',
        effect: 'deny',
        weekdays: [1, 2, 3, 4, 5, 6],
        time_from: '18:00',
        time_until: '24:00',
      }),
    );
    expect(await screen.findByText('已保存规则“王芳禁行”')).toBeTruthy();
  });

  it('deletes a rule after confirming', async () => {
    vi.mocked(deleteAccessRule).mockResolvedValue();
    renderPage();
    await screen.findByText('研发工作日');
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(deleteAccessRule).toHaveBeenCalledWith(ORG_ID, 'r1'));
    expect(await screen.findByText('已删除规则“研发工作日”')).toBeTruthy();
  });
});
