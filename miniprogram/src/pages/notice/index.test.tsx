import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageParams, reLaunch } from '../../platform/navigation';
import { pendingNotice } from '../../stores/pending-notice.store';
import { showToast } from '../../platform/ui';
import { AppError } from '../../services/errors';
import { noticeService, type NoticeDetail } from '../../services/notice.service';
import { useSessionStore } from '../../stores/session.store';
import { ORG_A, sessionFor } from '../../test-support/sessions';
import NoticePage from './index';

vi.mock('../../services/notice.service', () => ({
  noticeService: {
    get: vi.fn(),
    markRead: vi.fn(),
    listComments: vi.fn(),
    postComment: vi.fn(),
    personalRow: vi.fn(),
    myResponse: vi.fn(),
    respond: vi.fn(),
  },
}));
vi.mock('../../platform/navigation', () => ({
  reLaunch: vi.fn(async () => undefined),
  navigateTo: vi.fn(async () => undefined),
  pageParams: vi.fn(() => ({ id: 'n1' })),
}));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const service = vi.mocked(noticeService);
const ME = { orgId: ORG_A, memberId: 'm-a' };

function notice(overrides: Partial<NoticeDetail> = {}): NoticeDetail {
  return {
    id: 'n1',
    orgId: ORG_A,
    template: 'plain',
    title: '停电通知',
    body: '明天 9 点停电\n请保存工作',
    sentAt: '2026-11-24T08:00:00Z',
    formDefinition: null,
    importColumns: null,
    readAt: null,
    confirmedAt: null,
    ...overrides,
  };
}

/** Types into the native element inside Taro's web component (defined asynchronously). */
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
  vi.mocked(pageParams).mockReturnValue({ id: 'n1' });
  useSessionStore.setState({ session: sessionFor() });
  service.markRead.mockResolvedValue({ readAt: '2026-11-25T08:00:00Z', confirmedAt: null });
  service.listComments.mockResolvedValue([]);
  service.personalRow.mockResolvedValue(null);
  service.myResponse.mockResolvedValue(null);
});
afterEach(cleanup);

describe('notice page', () => {
  it('opened signed out (an SMS link): keeps the id for after the login and goes to login', async () => {
    useSessionStore.setState({ session: null });
    render(<NoticePage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
    expect(pendingNotice.take()).toBe('n1');
    expect(service.get).not.toHaveBeenCalled();
  });

  it('shows title, body lines and the send time, and marks the notice read on open', async () => {
    service.get.mockResolvedValue(notice());
    render(<NoticePage />);
    expect(await screen.findByText('停电通知')).toBeTruthy();
    expect(screen.getByText('明天 9 点停电')).toBeTruthy();
    expect(screen.getByText('请保存工作')).toBeTruthy();
    expect(screen.getByText(/^发布于 /)).toBeTruthy();
    expect(service.get).toHaveBeenCalledWith(ME, 'n1');
    await waitFor(() => expect(service.markRead).toHaveBeenCalledWith('n1'));
    expect(screen.queryByText('确认收到')).toBeNull();
  });

  it('does not mark an already read notice again', async () => {
    service.get.mockResolvedValue(notice({ readAt: '2026-11-24T09:00:00Z' }));
    render(<NoticePage />);
    await screen.findByText('停电通知');
    expect(service.markRead).not.toHaveBeenCalled();
  });

  it('says the notice is not mine when RLS hides it, and that a link lacks the id', async () => {
    service.get.mockResolvedValue(null);
    render(<NoticePage />);
    expect(await screen.findByText('通知不存在或不是发给你的')).toBeTruthy();
    cleanup();
    vi.mocked(pageParams).mockReturnValue({});
    render(<NoticePage />);
    expect(await screen.findByText('链接缺少通知编号')).toBeTruthy();
  });

  it('receipt: 确认收到 confirms and then shows the confirmed state', async () => {
    service.get.mockResolvedValue(notice({ template: 'receipt' }));
    render(<NoticePage />);
    const button = await screen.findByText('确认收到');
    service.markRead.mockResolvedValue({ readAt: '2026-11-25T08:00:00Z', confirmedAt: '2026-11-25T08:01:00Z' });
    fireEvent.click(button);
    await waitFor(() => expect(service.markRead).toHaveBeenCalledWith('n1', true));
    expect(await screen.findByText(/^已确认收到/)).toBeTruthy();
    expect(screen.queryByText('确认收到')).toBeNull();
  });

  it('receipt: an already confirmed notice shows no button', async () => {
    service.get.mockResolvedValue(notice({ template: 'receipt', readAt: 'x', confirmedAt: '2026-11-25T08:01:00Z' }));
    render(<NoticePage />);
    expect(await screen.findByText(/^已确认收到/)).toBeTruthy();
    expect(screen.queryByText('确认收到')).toBeNull();
  });

  it('receipt: explains a refusal (YM303)', async () => {
    service.get.mockResolvedValue(notice({ template: 'receipt', readAt: 'x' }));
    service.markRead.mockRejectedValue(new AppError({ kind: 'invalid', code: 'YM303', message: '提交的数据不符合要求' }));
    render(<NoticePage />);
    fireEvent.click(await screen.findByText('确认收到'));
    await waitFor(() => expect(showToast).toHaveBeenCalledWith('这条通知不是发给你的'));
  });

  it('reply: lists the discussion and posts my reply', async () => {
    service.get.mockResolvedValue(notice({ template: 'reply', readAt: 'x' }));
    service.listComments.mockResolvedValue([{ id: 'c1', memberId: 'other', body: '收到，谢谢', createdAt: '2026-11-24T09:00:00Z' }]);
    service.postComment.mockResolvedValue({ id: 'c2', memberId: 'm-a', body: '我也收到', createdAt: '2026-11-25T09:00:00Z' });
    render(<NoticePage />);
    expect(await screen.findByText('收到，谢谢')).toBeTruthy();
    expect(screen.getByText('讨论（1）')).toBeTruthy();
    expect(service.listComments).toHaveBeenCalledWith(ORG_A, 'n1');

    fireEvent.click(screen.getByText('发送'));
    expect(await screen.findByText('请先写下回复内容')).toBeTruthy();
    expect(service.postComment).not.toHaveBeenCalled();

    await typeInto('.notice__reply textarea', '我也收到');
    fireEvent.click(screen.getByText('发送'));
    expect(await screen.findByText('我也收到')).toBeTruthy();
    expect(service.postComment).toHaveBeenCalledWith(ME, 'n1', '我也收到');
    expect(screen.getByText('讨论（2）')).toBeTruthy();
  });

  it('import: shows my row as a table in the notice’s column order', async () => {
    service.get.mockResolvedValue(notice({ template: 'import', readAt: 'x', importColumns: ['工号', '姓名', '实发'] }));
    service.personalRow.mockResolvedValue({ 实发: 8200, 姓名: '王芳', 工号: 'E003' });
    render(<NoticePage />);
    await screen.findByText('我的信息');
    const rows = [...document.querySelectorAll('.notice__row')].map((row) => row.textContent);
    expect(rows).toEqual(['工号E003', '姓名王芳', '实发8200']);
  });

  describe('form', () => {
    const definition = {
      version: 1,
      fields: [
        { key: 'size', type: 'select', label: '尺码', required: true, options: ['S', 'M'] },
        { key: 'phone', type: 'phone', label: '手机' },
        { key: 'note', type: 'textarea', label: '备注', hint: '选填' },
        { key: 'days', type: 'multi_select', label: '日期', options: ['周一', '周二'] },
        { key: 'day', type: 'date', label: '到达日' },
        { key: 'photo', type: 'photo', label: '照片' },
      ],
    };

    it('renders the fields by type, with the web-upload placeholder for photos', async () => {
      service.get.mockResolvedValue(notice({ template: 'form', readAt: 'x', formDefinition: definition }));
      render(<NoticePage />);
      await screen.findByText('请填写');
      expect([...document.querySelectorAll('.notice-form__field')].map((el) => el.getAttribute('data-type'))).toEqual([
        'select',
        'phone',
        'textarea',
        'multi_select',
        'date',
        'photo',
      ]);
      expect(screen.getByText('请在网页端上传')).toBeTruthy();
      expect(screen.getByText('选填')).toBeTruthy();
    });

    it('checks with validateAnswers before sending, then sends the normalised answers', async () => {
      service.get.mockResolvedValue(notice({ template: 'form', readAt: 'x', formDefinition: definition }));
      service.respond.mockResolvedValue(undefined);
      render(<NoticePage />);
      await screen.findByText('请填写');
      fireEvent.click(screen.getByText('提交'));
      expect(await screen.findByText('「尺码」必填')).toBeTruthy();
      expect(service.respond).not.toHaveBeenCalled();

      fireEvent.click(screen.getByText('M'));
      fireEvent.click(screen.getByText('周二'));
      await typeInto('.notice-form__field--phone input', '13800000001');
      fireEvent.click(screen.getByText('提交'));
      await waitFor(() => expect(service.respond).toHaveBeenCalledWith('n1', { size: 'M', phone: '13800000001', days: ['周二'] }));
      expect(await screen.findByText('已提交，可修改后再次提交')).toBeTruthy();
      expect(showToast).toHaveBeenCalledWith('提交成功');
      expect(screen.queryByText('「尺码」必填')).toBeNull();
    });

    it('shows the server’s field errors', async () => {
      service.get.mockResolvedValue(notice({ template: 'form', readAt: 'x', formDefinition: definition }));
      service.respond.mockRejectedValue(
        new AppError({
          kind: 'function',
          code: 'invalid_answers',
          status: 400,
          message: '「手机」应为11位手机号',
          data: { fields: [{ key: 'phone', message: '「手机」应为11位手机号（服务端）' }] },
        }),
      );
      render(<NoticePage />);
      await screen.findByText('请填写');
      fireEvent.click(screen.getByText('S'));
      fireEvent.click(screen.getByText('提交'));
      expect(await screen.findByText('「手机」应为11位手机号（服务端）')).toBeTruthy();
      expect(document.querySelector('.notice-form__field--phone.notice-form__field--invalid')).not.toBeNull();
    });

    it('starts from my earlier answers', async () => {
      service.get.mockResolvedValue(notice({ template: 'form', readAt: 'x', formDefinition: definition }));
      service.myResponse.mockResolvedValue({ size: 'S' });
      render(<NoticePage />);
      expect(await screen.findByText('已提交，可修改后再次提交')).toBeTruthy();
      expect(screen.getByText('S').className).toContain('notice-form__option--chosen');
    });

    it('says so when the definition is broken', async () => {
      service.get.mockResolvedValue(notice({ template: 'form', readAt: 'x', formDefinition: { fields: [] } }));
      render(<NoticePage />);
      expect(await screen.findByText('表单定义无效，请联系发送人')).toBeTruthy();
    });
  });
});
