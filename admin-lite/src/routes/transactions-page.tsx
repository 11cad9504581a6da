import { useEffect, useState } from 'react';
import { DataTable } from '../components/data-table.tsx';
import { DateRangeFields } from '../components/date-range-fields.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FilterSelect } from '../components/filter-select.tsx';
import { Pagination } from '../components/pagination.tsx';
import { RefundDialog } from '../components/refund-dialog.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { useBusyTask } from '../hooks/use-busy-task.ts';
import { useDateRange } from '../hooks/use-date-range.ts';
import { t } from '../i18n/index.ts';
import { dayBounds, weekAgo } from '../lib/access-report.ts';
import { downloadFile } from '../lib/download.ts';
import { formatDateTime } from '../lib/format.ts';
import { buildTransactionsXlsx, transactionsFileName } from '../lib/payment-export.ts';
import { money } from '../lib/payment-format.ts';
import { listMerchants, listStalls } from '../services/merchants.service.ts';
import type { AdminSession } from '../services/session.service.ts';
import { EXPORT_MAX_ROWS, listAllTransactions, listTransactions, TX_KINDS, type TransactionRow, type TxKind } from '../services/transactions.service.ts';

export const TX_PAGE_SIZE = 50;
/** How often the first page refreshes itself while 自动刷新 is on. */
export const TX_REFRESH_MS = 15_000;
const REFUNDABLE: ReadonlySet<TxKind> = new Set(['payment', 'offline_payment']);

/** 交易明细: the ledger newest first, filtered and paged, with refunds and an xlsx export. */
export function TransactionsPage({ session, today = new Date() }: { session: AdminSession; today?: Date }) {
  const orgId = session.member.org_id;
  const { fromDate, untilDate, setFromDate, setUntilDate, rangeOk } = useDateRange(today, weekAgo);
  const [kind, setKind] = useState<TxKind | ''>('');
  const [merchantId, setMerchantId] = useState('');
  const [stallId, setStallId] = useState('');
  const [page, setPage] = useState(1);
  const [live, setLive] = useState(true);
  const [refunding, setRefunding] = useState<TransactionRow>();
  const [message, setMessage] = useState<string>();
  const merchants = useAsync(() => listMerchants(orgId), [orgId]);
  const stalls = useAsync(() => listStalls(orgId), [orgId]);
  const filter = { orgId, ...dayBounds(fromDate, untilDate), kind: kind || undefined, merchantId: merchantId || undefined, stallId: stallId || undefined };

  const txs = useAsync(
    () => (rangeOk ? listTransactions({ ...filter, page, pageSize: TX_PAGE_SIZE }) : Promise.resolve(undefined)),
    [orgId, fromDate, untilDate, kind, merchantId, stallId, page, rangeOk],
  );
  const { reload } = txs;
  useEffect(() => {
    if (!live || page !== 1) return;
    const timer = setInterval(reload, TX_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, page, reload]);

  const { busy: exporting, failed: exportError, run: runExport } = useBusyTask();
  const onExport = async () => {
    await runExport(async () => {
      const all = await listAllTransactions(filter);
      downloadFile(await buildTransactionsXlsx(all.rows), transactionsFileName(fromDate, untilDate));
      if (all.truncated) setMessage(t('pay.tx.exportTruncated', { max: EXPORT_MAX_ROWS }));
    });
  };
  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const stallOptions = (stalls.data ?? []).filter((s) => !merchantId || s.merchant_id === merchantId);

  return (
    <div className="page">
      <h1 className="page__title">{t('pay.tx.title')}</h1>
      <div className="toolbar__filters card">
        <DateRangeFields fromDate={fromDate} untilDate={untilDate} onFromChange={refilter(setFromDate)} onUntilChange={refilter(setUntilDate)} />
        <FilterSelect label={t('pay.tx.kind')} value={kind} allLabel={t('pay.tx.allKinds')} options={TX_KINDS.map((k) => ({ value: k, label: t(`pay.kind.${k}`) }))} onChange={refilter(setKind)} />
        <FilterSelect
          label={t('pay.tx.merchant')}
          value={merchantId}
          allLabel={t('pay.tx.allMerchants')}
          options={(merchants.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          onChange={(id) => {
            refilter(setMerchantId)(id);
            setStallId('');
          }}
        />
        <FilterSelect label={t('pay.tx.stall')} value={stallId} allLabel={t('pay.tx.allStalls')} options={stallOptions.map((s) => ({ value: s.id, label: s.name }))} onChange={refilter(setStallId)} />
        <label>
          <input type="checkbox" checked={live} onChange={() => setLive(!live)} /> {t('pay.tx.autoRefresh')}
        </label>
        <button type="button" className="button button--small" disabled={exporting || !rangeOk} onClick={() => void onExport()}>
          {exporting ? t('pay.exporting') : t('pay.export')}
        </button>
      </div>
      {!rangeOk ? <p className="notice notice--warn">{t('events.rangeInvalid')}</p> : null}
      {exportError ? <p className="notice notice--error">{t('pay.exportFailed')}</p> : null}
      <SuccessNotice message={message} />
      {txs.error ? <ErrorNotice error={txs.error} onRetry={txs.reload} /> : null}
      <DataTable
        loading={txs.loading}
        rows={txs.data?.rows}
        rowKey={(r) => r.id}
        empty={t('pay.tx.empty')}
        columns={[
          { header: t('pay.tx.time'), cell: (r) => formatDateTime(r.created_at) },
          { header: t('pay.tx.kind'), cell: (r) => t(`pay.kind.${r.kind}`) },
          { header: t('pay.tx.member'), cell: (r) => (r.member_name ? `${r.member_name}（${r.employee_no ?? ''}）` : r.member_id ? <span className="muted">{t('pay.tx.unknownMember')}</span> : t('common.none')) },
          { header: t('pay.tx.merchant'), cell: (r) => r.merchant_name ?? t('common.none') },
          { header: t('pay.tx.stall'), cell: (r) => r.stall_name ?? t('common.none') },
          { header: t('pay.tx.amount'), cell: (r) => (r.kind === 'refund' || r.kind === 'subsidy_expiry' ? `-${money(r.amount_fen)}` : money(r.amount_fen)) },
          { header: t('pay.tx.subsidy'), cell: (r) => money(r.subsidy_fen) },
          { header: t('pay.tx.cash'), cell: (r) => money(r.cash_fen) },
          { header: t('pay.tx.count'), cell: (r) => r.count },
          { header: t('pay.tx.reason'), cell: (r) => r.reason ?? '' },
          {
            header: t('common.actions'),
            cell: (r) =>
              REFUNDABLE.has(r.kind) ? (
                <button type="button" className="button button--ghost button--small" onClick={() => setRefunding(r)}>
                  {t('pay.refund.action')}
                </button>
              ) : null,
          },
        ]}
      />
      <Pagination page={page} pageSize={TX_PAGE_SIZE} total={txs.data?.total ?? 0} disabled={txs.loading} onPageChange={setPage} />
      {refunding ? (
        <RefundDialog
          tx={refunding}
          onCancel={() => setRefunding(undefined)}
          onDone={(result) => {
            setRefunding(undefined);
            setMessage(t('pay.refund.done', { amount: money(result.amount_fen) }));
            txs.reload();
          }}
        />
      ) : null}
    </div>
  );
}
