import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../services/audit.service.ts';
import { adminProfile, adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { AuditPage } from './audit-page.tsx';

vi.mock('../services/audit.service.ts', () => ({ verifyAuditChain: vi.fn() }));

const renderPage = (profile = adminProfile()) => renderRoute('/settings/audit', '/settings/audit', <AuditPage session={adminSession()} profile={profile} />);

describe('AuditPage', () => {
  it('verifies the chain and says ok with the rows checked', async () => {
    vi.mocked(verifyAuditChain).mockResolvedValue({ ok: true, checked: 128 });
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: '校验审计日志' }));
    expect(await screen.findByText('审计日志完整：已校验 128 条记录，未发现篡改。')).toBeTruthy();
    expect(verifyAuditChain).toHaveBeenCalledWith(ORG_ID);
  });

  it('names the first bad row and the problem in zh-CN', async () => {
    vi.mocked(verifyAuditChain).mockResolvedValue({ ok: false, checked: 41, first_bad_id: 42, problem: 'this row was changed after it was written' });
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: '校验审计日志' }));
    expect(await screen.findByText('审计日志校验未通过：前 41 条记录正常。')).toBeTruthy();
    expect(screen.getByText('出问题的记录：#42')).toBeTruthy();
    expect(screen.getByText('问题：这条记录写入后被修改过')).toBeTruthy();
  });

  it('is for super admins only', () => {
    renderPage(adminProfile({ is_super: false, functions: ['config'] }));
    expect(screen.getByRole('alert').textContent).toBe('只有超级管理员可以校验审计日志。');
    expect(screen.queryByRole('button', { name: '校验审计日志' })).toBeNull();
  });
});
