import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { navigateTo } from '../../platform/navigation';
import { AppError } from '../../services/errors';
import { noticeService } from '../../services/notice.service';
import { useSessionStore } from '../../stores/session.store';
import { ORG_A, sessionFor } from '../../test-support/sessions';
import NoticeComposePage from './index';

vi.mock('../../services/notice.service', () => ({ noticeService: { headedDepartments: vi.fn(), sendPlainToDepartment: vi.fn() } }));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const service = vi.mocked(noticeService);
const ME = { orgId: ORG_A, memberId: 'm-a' };

async function typeInto(selector: string, text: string) {
  const input = await waitFor(() => {
    const found = document.querySelector(selector);
    if (!found) throw new Error(`no ${selector} yet`);
    return found as HTMLInputElement;
  });
  fireEvent.input(input, { target: { value: text } });
}

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
  service.headedDepartments.mockResolvedValue([{ id: 'd-fe', name: '前端组' }]);
});
afterEach(cleanup);

describe('发通知 page', () => {
  it('tells a member who heads nothing that they cannot send', async () => {
    service.headedDepartments.mockResolvedValue([]);
    render(<NoticeComposePage />);
    expect(await screen.findByText('你不是部门负责人，不能发送通知')).toBeTruthy();
  });

  it('checks title and body before sending', async () => {
    render(<NoticeComposePage />);
    fireEvent.click(await screen.findByText('发送'));
    expect(await screen.findByText('请填写标题')).toBeTruthy();
    expect(screen.getByText('请填写正文')).toBeTruthy();
    expect(service.sendPlainToDepartment).not.toHaveBeenCalled();
  });

  it('sends a plain notice to my department and shows how many it reached', async () => {
    service.sendPlainToDepartment.mockResolvedValue({ ok: true, noticeId: 'n9', recipients: 2, errors: [] });
    render(<NoticeComposePage />);
    expect(await screen.findByText('发送给：前端组（含下级部门）')).toBeTruthy();
    await typeInto('.form-field--title input', ' 周五开会 ');
    await typeInto('.compose__textarea textarea', '下午三点\n三楼会议室');
    fireEvent.click(screen.getByText('发送'));
    expect(await screen.findByText('已发送给 2 人')).toBeTruthy();
    expect(service.sendPlainToDepartment).toHaveBeenCalledWith(ME, 'd-fe', { title: ' 周五开会 ', body: '下午三点\n三楼会议室' });
    fireEvent.click(screen.getByText('查看阅读情况'));
    expect(navigateTo).toHaveBeenCalledWith('noticeStats');
  });

  it('lets a head of several departments choose one', async () => {
    service.headedDepartments.mockResolvedValue([
      { id: 'd-fe', name: '前端组' },
      { id: 'd-be', name: '后端组' },
    ]);
    service.sendPlainToDepartment.mockResolvedValue({ ok: true, noticeId: 'n9', recipients: 5, errors: [] });
    render(<NoticeComposePage />);
    fireEvent.click(await screen.findByText('后端组'));
    expect(await screen.findByText('发送给：后端组（含下级部门）')).toBeTruthy();
    await typeInto('.form-field--title input', '标题');
    await typeInto('.compose__textarea textarea', '正文');
    fireEvent.click(screen.getByText('发送'));
    await waitFor(() => expect(service.sendPlainToDepartment).toHaveBeenCalledWith(ME, 'd-be', { title: '标题', body: '正文' }));
  });

  it('lists send_notice’s errors when nothing was sent', async () => {
    service.sendPlainToDepartment.mockResolvedValue({
      ok: false,
      noticeId: 'n9',
      recipients: 0,
      errors: [{ code: 'empty_audience', message: '没有可发送的成员：请检查接收范围' }],
    });
    render(<NoticeComposePage />);
    await typeInto('.form-field--title input', '标题');
    await typeInto('.compose__textarea textarea', '正文');
    fireEvent.click(await screen.findByText('发送'));
    expect(await screen.findByText('没有可发送的成员：请检查接收范围')).toBeTruthy();
    expect(screen.getByText('未发送：')).toBeTruthy();
  });

  it('explains a refused insert (RLS)', async () => {
    service.sendPlainToDepartment.mockRejectedValue(new AppError({ kind: 'permission', code: '42501', message: '没有权限执行此操作', status: 403 }));
    render(<NoticeComposePage />);
    await typeInto('.form-field--title input', '标题');
    await typeInto('.compose__textarea textarea', '正文');
    fireEvent.click(await screen.findByText('发送'));
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy();
  });
});
