import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listDepartments } from '../services/departments.service.ts';
import { listRegistrationPoints, saveRegistrationPoint, type RegistrationPointRow } from '../services/registration.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminSession, DEPARTMENTS, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { RegistrationPointsPage } from './registration-points-page.tsx';

vi.mock('../services/registration.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/registration.service.ts')>()),
  listRegistrationPoints: vi.fn(),
  saveRegistrationPoint: vi.fn(),
  deleteRegistrationPoint: vi.fn(),
}));
vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn() }));

const POINT: RegistrationPointRow = { id: 'p1', org_id: ORG_ID, name: '东门登记处', purpose: '入厂登记', form: { version: 1, fields: [{ key: 'temp', type: 'number', label: '体温', required: true }] }, audience: {}, active: true };

beforeEach(() => {
  vi.mocked(listRegistrationPoints).mockResolvedValue([POINT]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listTags).mockResolvedValue([]);
  vi.mocked(saveRegistrationPoint).mockImplementation(async (_org, id, input) => ({ ...POINT, ...input, id: id ?? 'p2' }));
});

const renderPage = () => renderRoute('/scenario/registration', '/scenario/registration', <RegistrationPointsPage session={adminSession()} />);

describe('RegistrationPointsPage', () => {
  it('shows the QR of yima:reg:<id> and links to the records', async () => {
    renderPage();
    const row = (await screen.findByText('东门登记处')).closest('tr')!;
    expect(within(row).getByText('体温')).toBeTruthy();
    expect(within(row).getByRole('link', { name: '登记记录' }).getAttribute('href')).toBe('/scenario/registration/p1/records');
    fireEvent.click(within(row).getByRole('button', { name: '登记码' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('yima:reg:p1')).toBeTruthy();
    expect(within(dialog).getByTestId('reg-qr').querySelector('svg')).toBeTruthy();
  });

  it('creates a point with a designed form', async () => {
    renderPage();
    await screen.findByText('东门登记处');
    fireEvent.click(screen.getByRole('button', { name: '新建登记点' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请至少添加一个表单字段')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '仓库登记' } });
    fireEvent.change(within(dialog).getByLabelText('用途'), { target: { value: '领用登记' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '添加字段' }));
    const field = within(dialog).getByRole('group', { name: '字段 1' });
    fireEvent.change(within(field).getByLabelText('名称'), { target: { value: 'Item' } });
    fireEvent.click(within(field).getByLabelText('必填'));
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(saveRegistrationPoint).toHaveBeenCalledWith(ORG_ID, undefined, {
        name: '仓库登记',
        purpose: '领用登记',
        active: true,
        form: { version: 1, fields: [{ key: 'item', type: 'text', label: 'Item', required: true }] },
        audience: {},
      }),
    );
    expect(await screen.findByText('已保存登记点“仓库登记”')).toBeTruthy();
  });
});
