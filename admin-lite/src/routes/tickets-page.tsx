import { useState } from 'react';
import { DataTable } from '../components/data-table.tsx';
import { DateRangeFields } from '../components/date-range-fields.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FilterSelect } from '../components/filter-select.tsx';
import { NewTicketDialog } from '../components/new-ticket-dialog.tsx';
import { SlaTimer } from '../components/sla-timer.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { ResolveTicketDialog, RespondTicketDialog, TicketDetailDialog } from '../components/ticket-dialogs.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { useNow } from '../hooks/use-now.ts';
import { t } from '../i18n/index.ts';
import { dayBounds, daySpan, isoDay } from '../lib/access-report.ts';
import { formatShortDateTime } from '../lib/format.ts';
import { durationText, severityLabel } from '../lib/ticket-sla.ts';
import { SLA_MINUTES } from '@yima/shared';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import type { AdminSession } from '../services/session.service.ts';
import { subscriptionsOverview } from '../services/subscriptions.service.ts';
import { ACTIVE_STATUSES, listTickets, SEVERITIES, TICKET_STATUSES, TICKETS_LIMIT, type Severity, type TicketRow, type TicketStatus } from '../services/tickets.service.ts';

type Dialog = { kind: 'new' } | { kind: 'detail'; ticket: TicketRow } | { kind: 'respond'; ticket: TicketRow } | { kind: 'resolve'; ticket: TicketRow };

export interface TicketsPageProps {
  session: AdminSession;
  profile: AdminProfile;
  /** 'operator': every ticket, respond and resolve (运营). 'org': this org's tickets and 新建工单 (super admins). */
  mode: 'operator' | 'org';
  today?: Date;
}

/** The first day of the 30 days ending on `today`. */
function monthAgo(today: Date): string {
  const d = new Date(today);
  d.setDate(d.getDate() - 29);
  return isoDay(d);
}

/** 工单: tickets with live SLA timers, filters, details; operators respond and resolve, super admins open tickets for their org. */
export function TicketsPage({ session, profile, mode, today = new Date() }: TicketsPageProps) {
  if (mode === 'org' && !profile.is_super) {
    return (
      <div className="page">
        <div className="notice notice--warn" role="alert">
          {t('ops.tickets.superOnly')}
        </div>
      </div>
    );
  }
  return <Tickets session={session} mode={mode} today={today} />;
}

function Tickets({ session, mode, today }: { session: AdminSession; mode: 'operator' | 'org'; today: Date }) {
  const operator = mode === 'operator';
  const orgId = operator ? undefined : session.member.org_id;
  const [fromDate, setFromDate] = useState(() => monthAgo(today));
  const [untilDate, setUntilDate] = useState(() => isoDay(today));
  const [status, setStatus] = useState<TicketStatus | ''>('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const now = useNow();
  const span = daySpan(fromDate, untilDate);
  const rangeOk = Number.isFinite(span) && span >= 1;
  const tickets = useAsync(
    () => (rangeOk ? listTickets({ orgId, ...dayBounds(fromDate, untilDate), status: status || undefined, severity: severity || undefined }) : Promise.resolve(undefined)),
    [orgId, fromDate, untilDate, status, severity, rangeOk],
  );
  const orgs = useAsync(() => (operator ? subscriptionsOverview() : Promise.resolve([])), [operator]);
  const done = (text: string) => {
    setDialog(undefined);
    setMessage(text);
    tickets.reload();
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{operator ? t('ops.tickets.title') : t('ops.tickets.orgTitle')}</h1>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'new' })}>
          {t('ops.tickets.new')}
        </button>
      </div>
      {operator ? null : <p className="muted">{t('ops.tickets.orgHint')}</p>}
      <div className="toolbar__filters card">
        <DateRangeFields fromDate={fromDate} untilDate={untilDate} onFromChange={setFromDate} onUntilChange={setUntilDate} />
        <FilterSelect label={t('ops.tickets.status')} value={status} allLabel={t('ops.tickets.allStatuses')} options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`ops.ticket.status.${s}`) }))} onChange={setStatus} />
        <FilterSelect label={t('ops.tickets.severity')} value={severity} allLabel={t('ops.tickets.allSeverities')} options={SEVERITIES.map((s) => ({ value: s, label: severityLabel(s) }))} onChange={setSeverity} />
      </div>
      {!rangeOk ? <p className="notice notice--warn">{t('events.rangeInvalid')}</p> : null}
      <SuccessNotice message={message} />
      {tickets.error ? <ErrorNotice error={tickets.error} onRetry={tickets.reload} /> : null}
      {tickets.data && tickets.data.length >= TICKETS_LIMIT ? <p className="notice notice--warn">{t('ops.tickets.limited', { max: TICKETS_LIMIT })}</p> : null}
      <DataTable
        loading={tickets.loading}
        rows={tickets.data}
        rowKey={(r) => r.id}
        empty={t('ops.tickets.empty')}
        columns={[
          { header: t('ops.tickets.openedAt'), cell: (r) => formatShortDateTime(r.opened_at, now) },
          {
            header: t('ops.tickets.customer'),
            cell: (r) => (
              <>
                {r.customer_name}
                <div className="muted">
                  {r.organisation_name}
                  {r.region ? ` · ${r.region}` : ''}
                </div>
              </>
            ),
          },
          { header: t('ops.tickets.product'), cell: (r) => r.product },
          { header: t('ops.tickets.severity'), cell: (r) => severityLabel(r.severity) },
          { header: t('ops.tickets.status'), cell: (r) => t(`ops.ticket.status.${r.status}`) },
          { header: t('ops.tickets.respondDue'), cell: (r) => <SlaTimer kind="respond" due={r.respond_due} doneAt={r.first_response_at} breached={r.breached_response} now={now} /> },
          { header: t('ops.tickets.resolveDue'), cell: (r) => <SlaTimer kind="resolve" due={r.resolve_due} doneAt={r.resolved_at} breached={r.breached_resolution} now={now} /> },
          {
            header: t('ops.tickets.escalation'),
            cell: (r) => (r.escalation_level > 0 ? <span className="badge badge--disabled">{t('ops.tickets.level', { level: r.escalation_level })}</span> : t('common.none')),
          },
          {
            header: t('common.actions'),
            cell: (r) => (
              <>
                <button type="button" className="button button--ghost button--small" aria-label={t('ops.tickets.detailOf', { customer: r.customer_name })} onClick={() => setDialog({ kind: 'detail', ticket: r })}>
                  {t('ops.tickets.detail')}
                </button>
                {operator && r.status === 'open' ? (
                  <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'respond', ticket: r })}>
                    {t('ops.tickets.respond')}
                  </button>
                ) : null}
                {operator && ACTIVE_STATUSES.has(r.status) ? (
                  <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'resolve', ticket: r })}>
                    {t('ops.tickets.resolve')}
                  </button>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {dialog?.kind === 'new' ? (
        <NewTicketDialog
          orgId={orgId}
          orgs={operator ? (orgs.data ?? []).map((o) => ({ id: o.org_id, name: o.org_name })) : undefined}
          organisationName={operator ? '' : session.orgName}
          onCancel={() => setDialog(undefined)}
          onDone={(ticket) => done(t('ops.ticket.opened', { respond: durationText(SLA_MINUTES[ticket.severity].respond) }))}
        />
      ) : null}
      {dialog?.kind === 'detail' ? <TicketDetailDialog ticket={dialog.ticket} onClose={() => setDialog(undefined)} /> : null}
      {dialog?.kind === 'respond' ? <RespondTicketDialog ticket={dialog.ticket} onCancel={() => setDialog(undefined)} onDone={(row) => done(t('ops.ticket.responded', { customer: row.customer_name }))} /> : null}
      {dialog?.kind === 'resolve' ? <ResolveTicketDialog ticket={dialog.ticket} onCancel={() => setDialog(undefined)} onDone={(row) => done(t('ops.ticket.resolved', { customer: row.customer_name }))} /> : null}
    </div>
  );
}
