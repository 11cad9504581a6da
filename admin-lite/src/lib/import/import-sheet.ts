// Reads an uploaded member import file (xlsx or CSV) into the sheet shape
// that @yima/shared validates, and writes the template and the error report
// as xlsx. exceljs is loaded on demand: it is large and only the import page
// needs it.
// Module paths, not the package index (which also carries the code protocol).
import { IMPORT_COLUMNS, IMPORT_LAYOUT, IMPORT_TEMPLATE_TITLE } from '@yima/shared/members/import-template';
import type { ParsedSheet, SheetCell } from '@yima/shared/members/validate-import';

type ExcelJs = typeof import('exceljs');
let excel: Promise<ExcelJs> | undefined;
const loadExcel = () => (excel ??= import('exceljs').then((m) => ((m as { default?: ExcelJs }).default ?? m) as ExcelJs));

export class ImportFileError extends Error {
  constructor(readonly code: 'unsupported_type' | 'unreadable' | 'bad_encoding' | 'too_large', message: string) {
    super(message);
  }
}

export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

function cellText(value: unknown): SheetCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'object') {
    const v = value as { formula?: string; sharedFormula?: string; result?: unknown; richText?: Array<{ text: string }>; text?: string };
    if (v.formula || v.sharedFormula) return { text: v.result === undefined ? '' : String(v.result), formula: true };
    if (v.richText) return { text: v.richText.map((r) => r.text).join('') };
    if (typeof v.text === 'string') return { text: v.text };
    if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  }
  // Long digit strings typed as numbers lose precision in Excel; keep integers exact.
  if (typeof value === 'number') return { text: Number.isInteger(value) ? BigInt(value).toString() : String(value) };
  return { text: String(value) };
}

async function readXlsx(data: ArrayBuffer): Promise<ParsedSheet> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data);
  } catch {
    throw new ImportFileError('unreadable', '无法读取该 Excel 文件：请确认是 .xlsx 格式且未损坏');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('unreadable', 'Excel 文件中没有工作表');
  const rows: ParsedSheet['rows'] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    const width = Math.max(row.cellCount, IMPORT_COLUMNS.length);
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ rowNumber, cells });
  });
  return { rows };
}

/** UTF-8 (with or without BOM) first, then GB18030 as Excel on Chinese Windows writes it. */
export function decodeCsv(bytes: Uint8Array): string {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return text.replace(/^\uFEFF/, '');
    } catch {
      // try the next encoding
    }
  }
  throw new ImportFileError('bad_encoding', 'CSV 文件编码无法识别：请另存为 UTF-8 编码的 CSV，或直接上传 .xlsx');
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

function readCsv(data: ArrayBuffer): ParsedSheet {
  const rows = parseCsv(decodeCsv(new Uint8Array(data)));
  return {
    rows: rows.map((cells, i) => ({
      rowNumber: i + 1,
      // A CSV cell starting with = would be a formula once opened in Excel.
      cells: cells.map((text) => ({ text, formula: /^=/.test(text) })),
    })),
  };
}

export async function readImportFile(data: ArrayBuffer, fileName: string): Promise<ParsedSheet> {
  if (data.byteLength > MAX_IMPORT_FILE_BYTES) throw new ImportFileError('too_large', '文件超过 20 MB：请拆分后上传');
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return readXlsx(data);
  if (name.endsWith('.csv')) return readCsv(data);
  throw new ImportFileError('unsupported_type', '只支持 .xlsx 或 .csv 文件（.xls 请先另存为 .xlsx）');
}

/** The blank template: title with version, headers, hints. */
export async function buildTemplate(rows: string[][] = []): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('成员');
  sheet.getRow(IMPORT_LAYOUT.titleRow).getCell(1).value = IMPORT_TEMPLATE_TITLE;
  sheet.getRow(IMPORT_LAYOUT.titleRow).font = { bold: true, size: 14 };
  IMPORT_COLUMNS.forEach((column, i) => {
    sheet.getRow(IMPORT_LAYOUT.headerRow).getCell(i + 1).value = column.header;
    sheet.getRow(IMPORT_LAYOUT.hintRow).getCell(i + 1).value = column.hint;
    sheet.getColumn(i + 1).width = column.key === 'department' ? 28 : 18;
    // Text format so Excel keeps leading zeros and long ID numbers intact.
    sheet.getColumn(i + 1).numFmt = '@';
  });
  sheet.getRow(IMPORT_LAYOUT.headerRow).font = { bold: true };
  sheet.getRow(IMPORT_LAYOUT.hintRow).font = { color: { argb: 'FF888888' }, size: 9 };
  rows.forEach((cells, r) => cells.forEach((text, c) => { sheet.getRow(IMPORT_LAYOUT.firstDataRow + r).getCell(c + 1).value = text; }));
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

/** The error report to download: one line per problem. */
export async function buildErrorReport(errors: ReadonlyArray<{ row: number; column: string | null; message: string; code?: string }>): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入错误');
  sheet.addRow(['行号', '列', '问题']).font = { bold: true };
  for (const e of errors) sheet.addRow([e.row || '整个文件', e.column ?? '', e.message]);
  sheet.getColumn(3).width = 60;
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
