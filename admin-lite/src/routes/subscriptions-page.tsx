import { useState } from 'react';
import { DataTable } from '../components/data-table.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { CancelSubscriptionDialog, CreateSubscriptionDialog, RenewSubscriptionDialog } from '../components/subscription-dialogs.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { money } from '../lib/payment-format.ts';
import { chinaDay, subscriptionsOverview, type SubscriptionOverviewRow } from '../services/subscriptions.service.ts';

/** Fewer days left than this: 即将到期. */
export const EXPIRY_WARNING_DAYS = 30;

type Dialog = { kind: 'create' } | { kind: 'renew'; row: SubscriptionOverviewRow } | { kind: 'cancel'; row: SubscriptionOverviewRow };

const STATUS_KEYS: Record<string, MessageKey> = {
  active: 'ops.subs.status.active',
  cancelled: 'ops.subs.status.cancelled',
  expired: 'ops.subs.status.expired',
  none: 'ops.subs.status.none',
};

function SeatsCell({ row }: { row: SubscriptionOverviewRow }) {
  if (row.seats === null) return <>{row.seats_in_use}</>;
  const over = row.seats_in_use - row.seats;
  return (
    <>
      {row.seats_in_use}/{row.seats}
      {over > 0 ? (
        <>
          {' '}
          <span className="badge badge--disabled">{t('ops.subs.overSeats', { count: over })}</span>
        </>
      ) : null}
    </>
  );
}

function DaysLeftCell({ row }: { row: SubscriptionOverviewRow }) {
  if (row.days_left === null) return <>{t('common.none')}</>;
  if (row.days_left < 0) return <span className="text-danger">{t('ops.subs.ended')}</span>;
  const soon = row.days_left < EXPIRY_WARNING_DAYS;
  return (
    <span className={soon ? 'text-danger' : undefined}>
      {t('ops.subs.days', { days: row.days_left })}
      {soon ? (
        <>
          {' '}
          <span className="badge badge--disabled">{t('ops.subs.expiring')}</span>
        </>
      ) : null}
    </span>
  );
}

/** 租户与订阅 (platform operators): every org's current plan, with 新购, 续费 and 退订 through subscription-admin. */
export function SubscriptionsPage({ today = new Date() }: { today?: Date }) {
  const overview = useAsync(() => subscriptionsOverview(), []);
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const day = chinaDay(today);
  const done = (text: string) => {
    setDialog(undefined);
    setMessage(text);
    overview.reload();
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('ops.subs.title')}</h1>
        <button type="button" className="button" disabled={!overview.data} onClick={() => setDialog({ kind: 'create' })}>
          {t('ops.subs.create')}
        </button>
      </div>
      <p className="muted">{t('ops.subs.hint')}</p>
      <SuccessNotice message={message} />
      {overview.error ? <ErrorNotice error={overview.error} onRetry={overview.reload} /> : null}
      <DataTable
        loading={overview.loading}
        rows={overview.data}
        rowKey={(r) => r.org_id}
        empty={t('ops.subs.empty')}
        columns={[
          { header: t('ops.subs.org'), cell: (r) => r.org_name },
          { header: t('ops.subs.seats'), cell: (r) => <SeatsCell row={r} /> },
          { header: t('ops.subs.term'), cell: (r) => (r.starts_on && r.ends_on ? `${r.starts_on} – ${r.ends_on}` : t('common.none')) },
          { header: t('ops.subs.daysLeft'), cell: (r) => <DaysLeftCell row={r} /> },
          { header: t('ops.subs.status'), cell: (r) => (STATUS_KEYS[r.status] ? t(STATUS_KEYS[r.status]!) : r.status) },
          { header: t('ops.subs.amount'), cell: (r) => (r.amount_fen === null ? t('common.none') : money(r.amount_fen)) },
          {
            header: t('common.actions'),
            cell: (r) =>
              r.subscription_id && r.status === 'active' ? (
                <>
                  <button type="button" className="button button--ghost button--small" aria-label={t('ops.subs.renewOf', { org: r.org_name })} onClick={() => setDialog({ kind: 'renew', row: r })}>
                    {t('ops.subs.renew')}
                  </button>
                  <button type="button" className="button button--ghost button--small button--danger-text" aria-label={t('ops.subs.cancelOf', { org: r.org_name })} onClick={() => setDialog({ kind: 'cancel', row: r })}>
                    {t('ops.subs.cancel')}
                  </button>
                </>
              ) : null,
          },
        ]}
      />
      {dialog?.kind === 'create' ? (
        <CreateSubscriptionDialog
          orgs={overview.data ?? []}
          today={day}
          onCancel={() => setDialog(undefined)}
          onDone={(s, orgName) => done(t('ops.subs.created', { org: orgName, seats: s.seats, amount: money(s.amount_fen) }))}
        />
      ) : null}
      {dialog?.kind === 'renew' ? <RenewSubscriptionDialog row={dialog.row} onCancel={() => setDialog(undefined)} onDone={(s) => done(t('ops.subs.renewed', { org: dialog.row.org_name, until: s.ends_on }))} /> : null}
      {dialog?.kind === 'cancel' ? (
        <CancelSubscriptionDialog
          row={dialog.row}
          today={day}
          onCancel={() => setDialog(undefined)}
          onDone={({ quoted, refund }) => {
            const text = t('ops.subs.cancelled', { org: dialog.row.org_name, amount: money(refund.refund_fen) });
            done(refund.refund_fen === quoted.refund_fen ? text : `${text} ${t('ops.subs.refundChanged', { quoted: money(quoted.refund_fen) })}`);
          }}
        />
      ) : null}
    </div>
  );
}
