import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../lib/download.ts';
import { buildBreachXlsx } from '../lib/ticket-report.ts';
import { breachesByMonth } from '../services/tickets.service.ts';
import { renderRoute } from '../test/render.tsx';
import { TicketReportPage } from './ticket-report-page.tsx';

vi.mock('../services/tickets.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/tickets.service.ts')>()),
  breachesByMonth: vi.fn(),
}));
vi.mock('../lib/download.ts', () => ({ downloadFile: vi.fn() }));
vi.mock('../lib/ticket-report.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/ticket-report.ts')>()),
  buildBreachXlsx: vi.fn(async () => new ArrayBuffer(4)),
}));

const TODAY = new Date(2026, 10, 25, 12, 0, 0);

beforeEach(() => {
  vi.mocked(breachesByMonth).mockResolvedValue([
    { month: '2026-10', opened: 12, response_breaches: 2, resolution_breaches: 1 },
    { month: '2026-11', opened: 8, response_breaches: 0, resolution_breaches: 3 },
  ]);
});

describe('TicketReportPage', () => {
  it('shows breaches per month with totals and bars, and exports xlsx', async () => {
    renderRoute('/ops/tickets/report', '/ops/tickets/report', <TicketReportPage today={TODAY} />);
    await screen.findByText('2026-10');
    expect(breachesByMonth).toHaveBeenCalledWith('2025-12-01', '2026-11-25');
    const total = screen.getByText('合计').closest('tr')!;
    expect(within(total).getByText('20')).toBeTruthy();
    expect(within(total).getByText('4')).toBeTruthy();
    const chart = screen.getByTestId('breach-chart');
    expect(chart.querySelectorAll('rect')).toHaveLength(4);
    expect(within(chart).getByText('2026-11：解决超时 3 单（共 8 单）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    expect(vi.mocked(buildBreachXlsx).mock.calls[0]![0]).toHaveLength(2);
    expect(vi.mocked(downloadFile).mock.calls[0]![1]).toBe('工单超时报表_2025-12-01_2026-11-25.xlsx');
  });
});
