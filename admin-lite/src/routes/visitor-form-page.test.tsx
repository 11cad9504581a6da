import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getVisitorSettings, updateVisitorSettings, type VisitorSettings } from '../services/visitor-settings.service.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { VisitorFormPage } from './visitor-form-page.tsx';

vi.mock('../services/visitor-settings.service.ts', () => ({ getVisitorSettings: vi.fn(), updateVisitorSettings: vi.fn() }));

const SETTINGS: VisitorSettings = { org_id: ORG_ID, identity_types: ['客户'], approval_levels: 1, invite_needs_approval: false, retention_days: 180, max_window_hours: 72, require_id_card: false, apply_form: null };

beforeEach(() => {
  vi.mocked(getVisitorSettings).mockResolvedValue(SETTINGS);
  vi.mocked(updateVisitorSettings).mockImplementation(async (_org, patch) => ({ ...SETTINGS, ...patch }) as VisitorSettings);
});

const renderPage = () => renderRoute('/visitors/form', '/visitors/form', <VisitorFormPage session={adminSession()} />);

describe('VisitorFormPage', () => {
  it('refuses an invalid form with the zh-CN problems, previews the fields and saves a valid definition', async () => {
    renderPage();
    expect(await screen.findByText('没有自定义字段：申请页只有固定项。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '添加字段' }));
    fireEvent.click(screen.getByRole('button', { name: '添加字段' }));
    const first = screen.getByRole('group', { name: '字段 1' });
    const second = screen.getByRole('group', { name: '字段 2' });
    fireEvent.change(within(first).getByLabelText('名称'), { target: { value: 'Car plate' } });
    expect((within(first).getByLabelText('字段标识') as HTMLInputElement).value).toBe('car_plate');
    fireEvent.click(within(first).getByLabelText('必填'));
    fireEvent.change(within(second).getByLabelText('名称'), { target: { value: '来访类别' } });
    fireEvent.change(within(second).getByLabelText('类型'), { target: { value: 'select' } });
    fireEvent.change(within(second).getByLabelText('选项（每行一个）'), { target: { value: '商务' } });
    fireEvent.click(screen.getByRole('button', { name: '保存表单' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('「来访类别」至少需要两个选项')).toBeTruthy();
    expect(updateVisitorSettings).not.toHaveBeenCalled();

    fireEvent.change(within(second).getByLabelText('选项（每行一个）'), { target: { value: '商务\n面试' } });
    fireEvent.change(within(second).getByLabelText('字段标识'), { target: { value: 'kind' } });
    fireEvent.click(within(second).getByRole('button', { name: '上移' }));
    const preview = screen.getByTestId('form-preview');
    expect(within(preview).getByRole('option', { name: '面试' })).toBeTruthy();
    expect(within(preview).getByLabelText(/Car plate/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '保存表单' }));
    await waitFor(() =>
      expect(updateVisitorSettings).toHaveBeenCalledWith(ORG_ID, {
        apply_form: {
          version: 1,
          fields: [
            { key: 'kind', type: 'select', label: '来访类别', required: false, options: ['商务', '面试'] },
            { key: 'car_plate', type: 'text', label: 'Car plate', required: true },
          ],
        },
      }),
    );
    expect(await screen.findByText('已保存申请表单')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('clears the form to null after confirming', async () => {
    vi.mocked(getVisitorSettings).mockResolvedValue({ ...SETTINGS, apply_form: { version: 1, fields: [{ key: 'plate', type: 'text', label: '车牌号', required: false }] } });
    renderPage();
    expect(await screen.findByRole('group', { name: '字段 1' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '清空表单' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '清空表单' }));
    await waitFor(() => expect(updateVisitorSettings).toHaveBeenCalledWith(ORG_ID, { apply_form: null }));
    expect(await screen.findByText('已清空申请表单')).toBeTruthy();
    expect(screen.queryByRole('group', { name: '字段 1' })).toBeNull();
  });
});
