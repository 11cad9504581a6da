import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reLaunch } from '../../platform/navigation';
import { visitService, type VisitRow } from '../../services/visit.service';
import { useSessionStore } from '../../stores/session.store';
import { ORG_A, sessionFor } from '../../test-support/sessions';
import MyVisitorsPage from './mine';

vi.mock('../../services/visit.service', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../services/visit.service')>()),
  visitService: { listHosted: vi.fn(), mySiteIds: vi.fn(), pendingForSites: vi.fn(), decide: vi.fn(), cancel: vi.fn() },
}));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const visits = vi.mocked(visitService);
const row = (id: string, status: string, extra: Partial<VisitRow> = {}): VisitRow => ({
  id, siteId: null, hostMemberId: 'm-a', source: 'apply', status, visitorName: `访客${id}`, visitorPhone: null, visitorCompany: null,
  identityType: null, purpose: null, companions: 0, windowFrom: '2026-11-25T01:00:00Z', windowUntil: '2026-11-25T03:00:00Z',
  approvalLevel: status === 'pending' ? 1 : 0, rejectReason: null, createdAt: '2026-11-25T00:00:00Z', siteName: null, hostName: '张三', ...extra,
});

function textarea(): HTMLTextAreaElement {
  const found = document.querySelector('.visitors__reason-input textarea');
  if (!found) throw new Error('no textarea yet');
  return found as HTMLTextAreaElement;
}

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
  visits.listHosted.mockResolvedValue([row('1', 'approved'), row('2', 'pending'), row('3', 'rejected', { rejectReason: '时间冲突' })]);
  visits.mySiteIds.mockResolvedValue([]);
  visits.pendingForSites.mockResolvedValue([]);
  visits.decide.mockResolvedValue({ status: 'approved' });
  visits.cancel.mockResolvedValue(undefined);
});
afterEach(cleanup);

describe('我的访客', () => {
  it('sends a signed-out user to login', async () => {
    useSessionStore.setState({ session: null });
    render(<MyVisitorsPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
  });

  it('lists my visits, pending on top, with status badges', async () => {
    render(<MyVisitorsPage />);
    await screen.findByText('访客2');
    const ids = [...document.querySelectorAll('.visitors__section--mine .visitors__item')].map((el) => el.getAttribute('data-visit'));
    expect(ids).toEqual(['2', '1', '3']);
    expect(screen.getByText('待审批')).toBeTruthy();
    expect(screen.getByText('已批准')).toBeTruthy();
    expect(screen.getByText('拒绝原因：时间冲突')).toBeTruthy();
    expect(visits.listHosted).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a' });
    expect(document.querySelector('.visitors__section--site')).toBeNull();
  });

  it('同意 calls visit-decide and reloads', async () => {
    render(<MyVisitorsPage />);
    await screen.findByText('访客2');
    fireEvent.click(screen.getByText('同意'));
    await waitFor(() => expect(visits.decide).toHaveBeenCalledWith('2', 'approved'));
    await waitFor(() => expect(visits.listHosted).toHaveBeenCalledTimes(2));
  });

  it('拒绝 asks for a reason first', async () => {
    render(<MyVisitorsPage />);
    await screen.findByText('访客2');
    fireEvent.click(screen.getByText('拒绝'));
    await waitFor(textarea);
    fireEvent.click(screen.getByText('确认拒绝'));
    expect(await screen.findByText('请填写拒绝原因')).toBeTruthy();
    expect(visits.decide).not.toHaveBeenCalled();
    fireEvent.input(textarea(), { target: { value: '时间冲突' } });
    fireEvent.click(screen.getByText('确认拒绝'));
    await waitFor(() => expect(visits.decide).toHaveBeenCalledWith('2', 'rejected', '时间冲突'));
  });

  it('取消访问 (pending or approved) calls visit_cancel', async () => {
    render(<MyVisitorsPage />);
    await screen.findByText('访客1');
    const approvedItem = document.querySelector('.visitors__item[data-visit="1"]')!;
    fireEvent.click(approvedItem.querySelector('.visitors__cancel')!);
    fireEvent.click(await screen.findByText('确认取消'));
    await waitFor(() => expect(visits.cancel).toHaveBeenCalledWith('1', null));
    expect(document.querySelector('.visitors__item[data-visit="3"] .visitors__cancel')).toBeNull();
  });

  it('site admins also see their sites’ visits waiting at level 2 (待我审批)', async () => {
    visits.mySiteIds.mockResolvedValue(['s1']);
    visits.pendingForSites.mockResolvedValue([row('9', 'pending', { hostMemberId: 'm-x', hostName: '王芳', approvalLevel: 2, siteName: '东区' })]);
    render(<MyVisitorsPage />);
    expect(await screen.findByText('待我审批')).toBeTruthy();
    expect(visits.pendingForSites).toHaveBeenCalledWith(ORG_A, ['s1']);
    expect(screen.getByText('东区 · 被访人 王芳')).toBeTruthy();
    const siteItem = document.querySelector('.visitors__section--site .visitors__item[data-visit="9"]')!;
    fireEvent.click(siteItem.querySelector('.visitors__approve')!);
    await waitFor(() => expect(visits.decide).toHaveBeenCalledWith('9', 'approved'));
  });
});
