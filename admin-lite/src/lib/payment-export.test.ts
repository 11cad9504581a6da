import { describe, expect, it } from 'vitest';
import { settlementTotals } from '../services/payment-reports.service.ts';
import { buildSettlementXlsx, settlementSheetRows, transactionSheetRows } from './payment-export.ts';

const ROW = { merchant_id: 'mc1', merchant_name: '第一食堂', payments: 3, payment_fen: 4501, refunds: 1, refund_fen: 1500, net_fen: 3001, subsidy_fen: 2000, cash_fen: 1001, count_used: 2, overdraft_fen: 0 };

describe('payment export', () => {
  it('writes settlement rows and the total row with exact yuan', () => {
    const rows = settlementSheetRows([ROW], settlementTotals([ROW]));
    expect(rows[0]).toEqual(['第一食堂', 3, 45.01, 1, 15, 30.01, 20, 10.01, 2, 0]);
    expect(rows[1]![0]).toBe('合计');
  });

  it('writes transaction rows in words', () => {
    const [row] = transactionSheetRows(
      [{ id: 'tx1', kind: 'refund', request_id: 'r', member_id: 'm1', merchant_id: null, stall_id: null, amount_fen: 1999, subsidy_fen: 0, cash_fen: 1999, count: 0, refund_of: 'tx0', reason: '退菜', created_at: '2026-11-24T04:00:00Z', merchant_name: null, stall_name: null, member_name: '王芳', employee_no: 'E007' }],
      'Asia/Shanghai',
    );
    expect(row).toEqual(['2026-11-24 12:00', '退款', '王芳', 'E007', '', '', 19.99, 0, 19.99, 0, '退菜', 'tx1']);
  });

  it('builds an xlsx that reads back', async () => {
    const data = await buildSettlementXlsx([ROW], settlementTotals([ROW]));
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data);
    expect(book.worksheets[0]!.getRow(3).getCell(1).value).toBe('合计');
  });
});
