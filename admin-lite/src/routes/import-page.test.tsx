// 批量导入 with the real file reader and validator (CSV and xlsx through
// exceljs) and the server RPC mocked.
import { IMPORT_COLUMNS, IMPORT_TEMPLATE_TITLE } from '@yima/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../lib/download.ts';
import { buildTemplate, readImportFile } from '../lib/import/import-sheet.ts';
import { AppError } from '../services/errors.ts';
import { importMembers, type ServerImportResult } from '../services/member-import.service.ts';
import { adminProfile, adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { ImportPage } from './import-page.tsx';

vi.mock('../services/member-import.service.ts', () => ({ importMembers: vi.fn() }));
vi.mock('../lib/download.ts', () => ({ downloadFile: vi.fn() }));

const HEADER = IMPORT_COLUMNS.map((c) => c.header).join(',');
const csvFile = (lines: string[], title = IMPORT_TEMPLATE_TITLE, name = '成员.csv') =>
  new File([[title, HEADER, '说明', ...lines].join('\r\n')], name, { type: 'text/csv' });

const GOOD = ['E901,张三,13800009001,11010519491231002X,总部/新部门,党员', 'E902,李四,,,总部/研发中心,'];
const PREVIEW: ServerImportResult = { ok: true, dry_run: true, errors: [], created: 1, updated: 1, departments_created: ['总部/新部门'], tags_created: [] };

const renderPage = (profile = adminProfile()) => renderRoute('/import', '/import', <ImportPage session={adminSession()} profile={profile} />);
const upload = (file: File) => fireEvent.change(screen.getByLabelText('选择导入文件'), { target: { files: [file] } });
const step = (name: string) => within(screen.getByRole('list', { name: '导入进度' })).getByText(name).closest('li')!;

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

beforeEach(() => {
  vi.mocked(importMembers).mockImplementation(async (_org, rows, dryRun) => ({ ...PREVIEW, dry_run: dryRun, created: rows.length - 1 }));
});

describe('ImportPage', () => {
  it('downloads the current template as xlsx', async () => {
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: '下载模板（xlsx）' }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    const [bytes, name] = vi.mocked(downloadFile).mock.calls[0]!;
    expect(name).toBe(`${IMPORT_TEMPLATE_TITLE}.xlsx`);
    const sheet = await readImportFile(bytes as ArrayBuffer, name);
    expect(sheet.rows[0]!.cells[0]!.text).toBe(IMPORT_TEMPLATE_TITLE);
  });

  it('checks, previews with the server (dry run), then imports and sums up', async () => {
    const check = deferred<ServerImportResult>();
    vi.mocked(importMembers).mockImplementationOnce(() => check.promise);
    renderPage();
    upload(csvFile(GOOD));

    expect(await screen.findByText('正在服务器上核对 2 行（部门、权限、已有成员）…')).toBeTruthy();
    expect(step('校验数据').getAttribute('aria-current')).toBe('step');
    expect(step('读取文件').className).toContain('done');
    expect(importMembers).toHaveBeenCalledWith(ORG_ID, [
      { row: 4, employee_no: 'E901', name: '张三', phone: '13800009001', id_card: '11010519491231002X', department: '总部/新部门', tags: ['党员'] },
      { row: 5, employee_no: 'E902', name: '李四', phone: null, id_card: null, department: '总部/研发中心', tags: [] },
    ], true);
    check.resolve(PREVIEW);

    const preview = await screen.findByRole('region', { name: '预览确认' });
    expect(preview.textContent).toContain('2 行全部通过检查');
    expect(within(preview).getByText('新增成员').nextElementSibling?.textContent).toBe('1');
    expect(within(preview).getByText('更新成员').nextElementSibling?.textContent).toBe('1');
    expect(preview.textContent).toContain('总部/新部门');
    expect(preview.textContent).toContain('留空的手机号、身份证号和部门保持原值不变');
    expect(step('预览确认').getAttribute('aria-current')).toBe('step');
    expect(vi.mocked(importMembers).mock.calls).toHaveLength(1);

    const apply = deferred<ServerImportResult>();
    vi.mocked(importMembers).mockImplementationOnce(() => apply.promise);
    fireEvent.click(within(preview).getByRole('button', { name: '确认导入 2 行' }));
    expect(await screen.findByText('正在导入 2 行，请勿关闭页面…')).toBeTruthy();
    expect(vi.mocked(importMembers).mock.calls.at(-1)![2]).toBe(false);
    apply.resolve({ ...PREVIEW, dry_run: false });

    const done = await screen.findByText('导入完成：新增 1 人，更新 1 人');
    expect(done.closest('[role="status"]')!.textContent).toContain('新建部门 1 个：总部/新部门');
    expect(screen.getByRole('link', { name: '查看成员' }).getAttribute('href')).toBe('/members');
    expect(step('导入').className).toContain('done');
  });

  it('lists every problem by row and column, offers the report, and sends nothing', async () => {
    renderPage();
    upload(csvFile(['E1,张三,123,,,', 'bad no,,,110105194912310021,,', ',,,,,', 'E1,王五,,,,']));
    const table = await screen.findByRole('table', { name: '导入问题' });
    const lines = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(lines).toEqual([
      ['4', '手机号', '手机号「123」不是11位大陆手机号'],
      ['5', '姓名', '「姓名」必填'],
      ['5', '工号', '工号只能包含字母、数字和 ._-，最长32位'],
      ['5', '身份证号', '身份证号校验位错误'],
      ['6', '—', '第6行是空行：请删除空行后重新上传'],
      ['7', '工号', '「工号」与第4行重复'],
    ]);
    expect(screen.getByText(/文件中有 6 处问题（涉及 4 行，共 4 行）/)).toBeTruthy();
    expect(screen.getByText('有问题时不会导入任何数据。')).toBeTruthy();
    expect(importMembers).not.toHaveBeenCalled();
    expect(step('校验数据').className).toContain('failed');

    fireEvent.click(screen.getByRole('button', { name: '下载错误报告' }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    const [bytes, name] = vi.mocked(downloadFile).mock.calls[0]!;
    expect(name).toBe('成员-错误报告.xlsx');
    const report = await readImportFile(bytes as ArrayBuffer, name);
    expect(report.rows.slice(1).map((r) => r.cells.slice(0, 2).map((c) => c.text))).toContainEqual(['7', '工号']);
  });

  it('shows problems the server finds (scope) in the same table', async () => {
    vi.mocked(importMembers).mockResolvedValue({
      ...PREVIEW,
      ok: false,
      errors: [{ row: 4, column: '部门', code: 'department_out_of_scope', message: '部门「总部/新部门」不在你的管理范围内' }],
    });
    renderPage(adminProfile({ is_super: false, functions: [], scope_department_ids: ['rd'] }));
    expect(screen.getByText(/你只能导入到自己管理的部门/)).toBeTruthy();
    upload(csvFile(GOOD));
    const table = await screen.findByRole('table', { name: '导入问题' });
    expect(within(table).getByText('部门「总部/新部门」不在你的管理范围内')).toBeTruthy();
    expect(screen.getByText(/服务器核对发现 1 处问题（涉及 1 行，共 2 行）/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /确认导入/ })).toBeNull();
  });

  it('explains a wrong template version, changed columns and too many rows', async () => {
    renderPage();
    upload(csvFile(GOOD, '一码通成员导入模板 V1.0'));
    expect((await screen.findByText(/模板版本不符/)).textContent).toContain(IMPORT_TEMPLATE_TITLE);

    const extra = new File([[IMPORT_TEMPLATE_TITLE, `${HEADER},备注`, '说明', 'E1,张三,,,,,x'].join('\n')], 'b.csv');
    upload(extra);
    expect(await screen.findByText(/多出列：备注/)).toBeTruthy();

    const many = Array.from({ length: 10_001 }, (_, i) => `T${i},人${i},,,,`);
    upload(csvFile(many));
    expect(await screen.findByText('一次最多导入 10,000 行，本文件有 10,001 行：请拆分为多个文件', {}, { timeout: 5000 })).toBeTruthy();
    expect(importMembers).not.toHaveBeenCalled();
  });

  it('explains an unsupported file, a bad encoding and formulas', async () => {
    renderPage();
    upload(new File(['x'], '成员.xls'));
    expect((await screen.findByRole('alert')).textContent).toContain('只支持 .xlsx 或 .csv 文件');
    expect(step('读取文件').className).toContain('failed');

    upload(new File([new Uint8Array([0x81, 0x20, 0xff, 0xfe])], 'bad.csv'));
    expect(await screen.findByText(/CSV 文件编码无法识别/)).toBeTruthy();

    upload(csvFile(['E1,张三,=1+1,,,']));
    expect(await screen.findByText('「手机号」不能使用公式，请粘贴为数值')).toBeTruthy();
  });

  it('reads xlsx files', async () => {
    const bytes = await buildTemplate([['E950', '表格人', '13800009500', '', '总部', '']]);
    renderPage();
    upload(new File([bytes], '成员.xlsx'));
    await screen.findByRole('region', { name: '预览确认' }, { timeout: 5000 });
    expect(vi.mocked(importMembers).mock.calls[0]![1]).toEqual([
      { row: 4, employee_no: 'E950', name: '表格人', phone: '13800009500', id_card: null, department: '总部', tags: [] },
    ]);
  });

  it('shows a failed server check with a retry', async () => {
    vi.mocked(importMembers).mockRejectedValueOnce(new AppError('network', '网络异常，请稍后重试', undefined, 0));
    renderPage();
    upload(csvFile(GOOD));
    expect((await screen.findByRole('alert')).textContent).toContain('网络异常，请稍后重试');
    fireEvent.click(screen.getByRole('button', { name: '重新核对' }));
    expect(await screen.findByRole('region', { name: '预览确认' })).toBeTruthy();
  });
});
