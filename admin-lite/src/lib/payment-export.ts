// The 支付 xlsx exports: the transaction list of a filter and the settlement
// report with its 合计 row. Amounts are written as yuan numbers with two
// decimals (fen / 100 only at the very edge, for the spreadsheet), rows are
// plain arrays (tested), exceljs is loaded on demand like the other exports.
import { t } from '../i18n/index.ts';
import type { SettlementRow, SettlementTotals } from '../services/payment-reports.service.ts';
import type { TransactionRow } from '../services/transactions.service.ts';
import { formatDateTime } from './format.ts';
import { yuanText } from './payment-format.ts';

type Cell = string | number;
type ExcelJs = typeof import('exceljs');

/** Yuan as a spreadsheet number, exact to the fen ('12.34' parsed, not 1234 / 100). */
const yuanCell = (amountFen: number): number => Number(yuanText(amountFen));

export function transactionHeader(): string[] {
  return [t('pay.tx.time'), t('pay.tx.kind'), t('pay.tx.member'), t('pay.tx.employeeNo'), t('pay.tx.merchant'), t('pay.tx.stall'), t('pay.tx.amount'), t('pay.tx.subsidy'), t('pay.tx.cash'), t('pay.tx.count'), t('pay.tx.reason'), t('pay.tx.id')];
}

export function transactionSheetRows(rows: readonly TransactionRow[], timeZone?: string): Cell[][] {
  return rows.map((r) => [
    formatDateTime(r.created_at, timeZone),
    t(`pay.kind.${r.kind}`),
    r.member_name ?? '',
    r.employee_no ?? '',
    r.merchant_name ?? '',
    r.stall_name ?? '',
    yuanCell(r.amount_fen),
    yuanCell(r.subsidy_fen),
    yuanCell(r.cash_fen),
    r.count,
    r.reason ?? '',
    r.id,
  ]);
}

export function settlementHeader(): string[] {
  return [t('pay.report.merchant'), t('pay.report.payments'), t('pay.report.paymentFen'), t('pay.report.refunds'), t('pay.report.refundFen'), t('pay.report.netFen'), t('pay.report.subsidyFen'), t('pay.report.cashFen'), t('pay.report.countUsed'), t('pay.report.overdraftFen')];
}

const settlementCells = (label: string, r: SettlementTotals): Cell[] => [
  label,
  r.payments,
  yuanCell(r.payment_fen),
  r.refunds,
  yuanCell(r.refund_fen),
  yuanCell(r.net_fen),
  yuanCell(r.subsidy_fen),
  yuanCell(r.cash_fen),
  r.count_used,
  yuanCell(r.overdraft_fen),
];

/** One row per merchant, then 合计. */
export function settlementSheetRows(rows: readonly SettlementRow[], totals: SettlementTotals): Cell[][] {
  return [...rows.map((r) => settlementCells(r.merchant_name, r)), settlementCells(t('pay.report.total'), totals)];
}

export const transactionsFileName = (fromDate: string, untilDate: string) => `${t('pay.tx.title')}_${fromDate}_${untilDate}.xlsx`;
export const settlementFileName = (fromDate: string, untilDate: string) => `${t('pay.report.settlement')}_${fromDate}_${untilDate}.xlsx`;

/** One sheet: a bold header, the rows, first column wider, money columns with two decimals. */
export async function workbookOf(sheetName: string, header: string[], rows: Cell[][], moneyColumns: number[]): Promise<ArrayBuffer> {
  const mod = await import('exceljs');
  const ExcelJS = ((mod as { default?: ExcelJs }).default ?? mod) as ExcelJs;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 18 : 12;
    if (moneyColumns.includes(i)) column.numFmt = '0.00';
  });
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

export function buildTransactionsXlsx(rows: readonly TransactionRow[], timeZone?: string): Promise<ArrayBuffer> {
  return workbookOf(t('pay.tx.title'), transactionHeader(), transactionSheetRows(rows, timeZone), [6, 7, 8]);
}

export function buildSettlementXlsx(rows: readonly SettlementRow[], totals: SettlementTotals): Promise<ArrayBuffer> {
  const sheet = settlementSheetRows(rows, totals);
  return workbookOf(t('pay.report.settlement'), settlementHeader(), sheet, [2, 4, 5, 6, 7, 9]);
}
