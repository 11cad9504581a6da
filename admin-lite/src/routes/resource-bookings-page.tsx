import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../components/data-table.tsx';
import { DateRangeFields } from '../components/date-range-fields.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FilterSelect } from '../components/filter-select.tsx';
import { FormDialog } from '../components/form-dialog.tsx';
import { FormField } from '../components/form-field.tsx';
import { Pagination } from '../components/pagination.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { dayBounds, daySpan, isoDay } from '../lib/access-report.ts';
import { formatDateTime } from '../lib/format.ts';
import { BOOKING_STATUSES, decideBooking, listResourceBookings, listResources, type BookingStatus, type ResourceBookingRow } from '../services/resources.service.ts';
import type { AdminSession } from '../services/session.service.ts';

export const BOOKINGS_PAGE_SIZE = 50;
type Decision = 'approved' | 'rejected';

function DecideDialog({ booking, decision, resourceName, onDone, onCancel }: { booking: ResourceBookingRow; decision: Decision; resourceName: string; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const decide = useAction(() => decideBooking(booking.id, decision, reason));
  const submit = async () => {
    if (reason.trim().length > 200 || (decision === 'rejected' && reason.trim() === '')) {
      setError(t(decision === 'rejected' ? 'scenario.bookings.rejectReasonRule' : 'scenario.bookings.reasonRule'));
      return;
    }
    setError(undefined);
    const outcome = await decide.run();
    if (outcome.ok) onDone();
  };
  const label = t(decision === 'approved' ? 'scenario.bookings.approve' : 'scenario.bookings.reject');
  return (
    <FormDialog title={`${label}：${resourceName}`} submitLabel={label} busyLabel={t('common.saving')} busy={decide.busy} danger={decision === 'rejected'} onSubmit={() => void submit()} onCancel={onCancel}>
      <p>
        {booking.member_name ?? t('common.none')} · {formatDateTime(booking.starts_at)} – {formatDateTime(booking.ends_at)}
        {booking.purpose ? ` · ${booking.purpose}` : ''}
      </p>
      <FormField label={t(decision === 'rejected' ? 'scenario.bookings.rejectReason' : 'scenario.bookings.reason')} error={error}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={200} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      {decide.error ? <ErrorNotice error={decide.error} /> : null}
    </FormDialog>
  );
}

/** 预约记录: bookings overlapping the days, by resource and status; pending ones approved or rejected here. */
export function ResourceBookingsPage({ session, today = new Date() }: { session: AdminSession; today?: Date }) {
  const orgId = session.member.org_id;
  const [fromDate, setFromDate] = useState(() => isoDay(today));
  const [untilDate, setUntilDate] = useState(() => {
    const d = new Date(today);
    d.setDate(d.getDate() + 13);
    return isoDay(d);
  });
  const [resourceId, setResourceId] = useState('');
  const [status, setStatus] = useState<BookingStatus | ''>('');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<{ booking: ResourceBookingRow; decision: Decision }>();
  const [message, setMessage] = useState<string>();
  const resources = useAsync(() => listResources(orgId), [orgId]);
  const span = daySpan(fromDate, untilDate);
  const rangeOk = Number.isFinite(span) && span >= 1;
  const bookings = useAsync(
    () => (rangeOk ? listResourceBookings({ orgId, ...dayBounds(fromDate, untilDate), resourceId: resourceId || undefined, status: status || undefined, page, pageSize: BOOKINGS_PAGE_SIZE }) : Promise.resolve(undefined)),
    [orgId, fromDate, untilDate, resourceId, status, page, rangeOk],
  );
  const resourceName = (id: string) => resources.data?.find((r) => r.id === id)?.name ?? id;
  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('scenario.bookings.title')}</h1>
        <Link className="button button--ghost" to={ROUTES.resources}>
          {t('scenario.bookings.back')}
        </Link>
      </div>
      <div className="toolbar__filters card">
        <DateRangeFields fromDate={fromDate} untilDate={untilDate} onFromChange={refilter(setFromDate)} onUntilChange={refilter(setUntilDate)} />
        <FilterSelect label={t('scenario.bookings.resource')} value={resourceId} allLabel={t('scenario.bookings.allResources')} options={(resources.data ?? []).map((r) => ({ value: r.id, label: r.name }))} onChange={refilter(setResourceId)} />
        <FilterSelect label={t('scenario.bookings.status')} value={status} allLabel={t('scenario.bookings.allStatuses')} options={BOOKING_STATUSES.map((s) => ({ value: s, label: t(`scenario.bookingStatus.${s}`) }))} onChange={refilter(setStatus)} />
      </div>
      {!rangeOk ? <p className="notice notice--warn">{t('events.rangeInvalid')}</p> : null}
      <SuccessNotice message={message} />
      {bookings.error ? <ErrorNotice error={bookings.error} onRetry={bookings.reload} /> : null}
      <DataTable
        loading={bookings.loading}
        rows={bookings.data?.rows}
        rowKey={(b) => b.id}
        empty={t('scenario.bookings.empty')}
        columns={[
          { header: t('scenario.bookings.time'), cell: (b) => `${formatDateTime(b.starts_at)} – ${formatDateTime(b.ends_at)}` },
          { header: t('scenario.bookings.resource'), cell: (b) => resourceName(b.resource_id) },
          { header: t('scenario.bookings.member'), cell: (b) => b.member_name ?? t('common.none') },
          { header: t('scenario.bookings.attendees'), cell: (b) => b.attendees },
          { header: t('scenario.bookings.purpose'), cell: (b) => b.purpose ?? t('common.none') },
          { header: t('scenario.bookings.status'), cell: (b) => t(`scenario.bookingStatus.${b.status}`) },
          { header: t('scenario.bookings.note'), cell: (b) => b.reason ?? t('common.none') },
          {
            header: t('common.actions'),
            cell: (b) =>
              b.status === 'pending' ? (
                <>
                  <button type="button" className="button button--ghost button--small" onClick={() => setDeciding({ booking: b, decision: 'approved' })}>
                    {t('scenario.bookings.approve')}
                  </button>
                  <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDeciding({ booking: b, decision: 'rejected' })}>
                    {t('scenario.bookings.reject')}
                  </button>
                </>
              ) : null,
          },
        ]}
      />
      <Pagination page={page} pageSize={BOOKINGS_PAGE_SIZE} total={bookings.data?.total ?? 0} disabled={bookings.loading} onPageChange={setPage} />
      {deciding ? (
        <DecideDialog
          booking={deciding.booking}
          decision={deciding.decision}
          resourceName={resourceName(deciding.booking.resource_id)}
          onCancel={() => setDeciding(undefined)}
          onDone={() => {
            setMessage(t(deciding.decision === 'approved' ? 'scenario.bookings.approved' : 'scenario.bookings.rejected', { name: deciding.booking.member_name ?? '' }));
            setDeciding(undefined);
            bookings.reload();
          }}
        />
      ) : null}
    </div>
  );
}
