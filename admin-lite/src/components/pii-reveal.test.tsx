import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { revealMemberPii } from '../services/member-pii.service.ts';
import { member, ORG_ID } from '../test/fixtures.ts';
import { MemberFormDialog } from './member-form-dialog.tsx';

vi.mock('../services/member-pii.service.ts', () => ({ revealMemberPii: vi.fn() }));

describe('PiiReveal in the member dialog', () => {
  it('shows masked values and reveals one through the audited RPC', async () => {
    vi.mocked(revealMemberPii).mockResolvedValue('110101199003070021');
    const row = member(2, { id_card_number: '110**********0021' });
    render(<MemberFormDialog orgId={ORG_ID} member={row} departmentOptions={[{ id: 'fe', label: '前端组', depth: 0 }]} onSaved={() => {}} onCancel={() => {}} />);
    const section = screen.getByRole('region', { name: '完整信息' });
    expect(within(section).getByTestId('pii-id_card').textContent).toBe('110**********0021');
    expect(within(section).getByTestId('pii-phone').textContent).toBe('138****0002');
    expect(within(section).getByText('查看完整号码会记入审计日志。')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: '查看完整身份证号' }));
    await waitFor(() => expect(revealMemberPii).toHaveBeenCalledWith('m-002', 'id_card'));
    expect((await within(section).findByTestId('pii-id_card')).textContent).toBe('110101199003070021');
    expect(await within(section).findByText('本次查看已记入审计日志。')).toBeTruthy();
    expect(revealMemberPii).toHaveBeenCalledTimes(1);
    expect(within(section).getByRole('button', { name: '查看完整手机号' })).toBeTruthy();
  });

  it('is not shown when adding a member', () => {
    render(<MemberFormDialog orgId={ORG_ID} departmentOptions={[]} onSaved={() => {}} onCancel={() => {}} />);
    expect(screen.queryByRole('region', { name: '完整信息' })).toBeNull();
  });
});
