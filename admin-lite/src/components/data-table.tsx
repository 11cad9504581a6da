import type { ReactNode } from 'react';

export interface DataColumn<R> {
  header: string;
  cell: (row: R) => ReactNode;
}

export interface DataTableProps<R> {
  columns: ReadonlyArray<DataColumn<R>>;
  /** undefined while nothing has loaded yet (no empty row then). */
  rows: readonly R[] | undefined;
  rowKey: (row: R) => string | number;
  /** Shown in a single full-width row once `rows` is loaded and empty. */
  empty: string;
  loading?: boolean;
  className?: string;
  caption?: string;
  /** A summary row (e.g. 合计) under the body, one cell per column. */
  footer?: ReadonlyArray<ReactNode>;
}

/** The read-only list table of the console pages (通行记录, 考勤汇总, 安全风险): header, rows, empty row. */
export function DataTable<R>({ columns, rows, rowKey, empty, loading = false, className, caption, footer }: DataTableProps<R>) {
  return (
    <div className="card table-wrap">
      <table className={className ? `table ${className}` : 'table'} aria-busy={loading}>
        {caption ? <caption className="muted">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
          {rows && rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="table__empty">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
        {footer ? (
          <tfoot>
            <tr>
              {footer.map((cell, i) => (
                <th key={i} scope={i === 0 ? 'row' : undefined}>
                  {cell}
                </th>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
