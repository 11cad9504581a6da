// 部门与成员 → 挂失/离职/黑名单 on the selection (admins with the cards function).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { revokeCredentials } from '../services/code-settings.service.ts';
import { listDepartments } from '../services/departments.service.ts';
import { countMembers, listMembers } from '../services/members.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminProfile, adminSession, DEPARTMENTS, member } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { MembersPage } from './members-page.tsx';

vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn(), createDepartment: vi.fn(), updateDepartment: vi.fn(), deleteDepartment: vi.fn() }));
vi.mock('../services/members.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/members.service.ts')>()),
  listMembers: vi.fn(),
  countMembers: vi.fn(),
}));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn(), tagMembers: vi.fn(), untagMembers: vi.fn() }));
vi.mock('../services/code-settings.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/code-settings.service.ts')>()),
  revokeCredentials: vi.fn(),
}));

const ROWS = [member(1, { account_id: 'acc-1', claimed_at: '2026-11-20T01:30:00Z' }), member(2)];

beforeEach(() => {
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listMembers).mockImplementation(async (query) => ({ rows: ROWS, total: ROWS.length, page: query.page, pageSize: query.pageSize }));
  vi.mocked(countMembers).mockResolvedValue(2);
  vi.mocked(listTags).mockResolvedValue([]);
});

const renderPage = (profile = adminProfile()) => renderRoute('/members', '/members', <MembersPage session={adminSession()} profile={profile} />);

describe('MembersPage revoke', () => {
  it('revokes the selection with the chosen reason', async () => {
    vi.mocked(revokeCredentials).mockResolvedValue(3);
    renderPage();
    fireEvent.click(await screen.findByRole('checkbox', { name: '选择 成员001' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '选择 成员002' }));
    fireEvent.click(screen.getByRole('button', { name: '挂失/离职/黑名单' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/立即失效/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('radio', { name: /离职/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: '确认吊销' }));
    await waitFor(() => expect(revokeCredentials).toHaveBeenCalledWith(['m-001', 'm-002'], 'left'));
    expect(await screen.findByText('已吊销 3 个凭证')).toBeTruthy();
  });

  it('is not offered without the cards function', async () => {
    renderPage(adminProfile({ is_super: false, functions: ['notices'], scope_department_ids: ['rd'] }));
    fireEvent.click(await screen.findByRole('checkbox', { name: '选择 成员001' }));
    expect(screen.queryByRole('button', { name: '挂失/离职/黑名单' })).toBeNull();
  });
});
