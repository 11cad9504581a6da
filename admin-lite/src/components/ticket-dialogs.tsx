import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { severityLabel } from '../lib/ticket-sla.ts';
import { listTicketEvents, resolveTicket, respondTicket, type TicketRow } from '../services/tickets.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

/** At least this many characters (trimmed) in a resolution, as ticket_resolve requires. */
export const MIN_RESOLUTION = 5;

/** 工单详情: what was reported, the limits, and the history (ticket_events). */
export function TicketDetailDialog({ ticket, onClose }: { ticket: TicketRow; onClose: () => void }) {
  const events = useAsync(() => listTicketEvents(ticket.id), [ticket.id]);
  const fields: Array<[string, string]> = [
    [t('ops.ticket.customerName'), ticket.customer_name],
    [t('ops.ticket.organisation'), ticket.organisation_name],
    [t('ops.ticket.region'), ticket.region ?? t('common.none')],
    [t('ops.ticket.phone'), ticket.phone],
    [t('ops.ticket.product'), ticket.product],
    [t('ops.ticket.years'), ticket.years_of_use === null ? t('common.none') : String(ticket.years_of_use)],
    [t('ops.ticket.severity'), severityLabel(ticket.severity)],
    [t('ops.tickets.status'), t(`ops.ticket.status.${ticket.status}`)],
    [t('ops.tickets.openedAt'), formatDateTime(ticket.opened_at)],
    [t('ops.tickets.respondDue'), formatDateTime(ticket.respond_due)],
    [t('ops.tickets.resolveDue'), formatDateTime(ticket.resolve_due)],
    [t('ops.tickets.escalation'), ticket.escalation_level > 0 ? t('ops.tickets.level', { level: ticket.escalation_level }) : t('common.none')],
  ];
  return (
    <FormDialog wide title={t('ops.ticket.detailTitle')} submitLabel="" hideSubmit cancelLabel={t('common.close')} onSubmit={onClose} onCancel={onClose}>
      <dl className="detail-list">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('ops.ticket.description')}</h3>
      <p className="pre-wrap">{ticket.description}</p>
      {ticket.resolution ? (
        <>
          <h3>{t('ops.ticket.resolution')}</h3>
          <p className="pre-wrap">{ticket.resolution}</p>
        </>
      ) : null}
      <h3>{t('ops.ticket.events')}</h3>
      {events.error ? <ErrorNotice error={events.error} onRetry={events.reload} /> : null}
      {events.data && events.data.length === 0 ? <p className="muted">{t('ops.ticket.noEvents')}</p> : null}
      <ol className="ticket-events" aria-label={t('ops.ticket.events')}>
        {(events.data ?? []).map((e) => (
          <li key={e.id}>
            <span className="muted">{formatDateTime(e.at)}</span> <strong>{t(`ops.ticket.event.${e.kind}`)}</strong>
            {e.note ? `：${e.note}` : ''}
          </li>
        ))}
      </ol>
    </FormDialog>
  );
}

/** 响应 (operators): records the first response, with an optional note. */
export function RespondTicketDialog({ ticket, onCancel, onDone }: { ticket: TicketRow; onCancel: () => void; onDone: (row: TicketRow) => void }) {
  const [note, setNote] = useState('');
  const save = useAction((id: string, text: string) => respondTicket(id, text));
  const submit = async () => {
    const outcome = await save.run(ticket.id, note.trim());
    if (outcome.ok) onDone(outcome.value);
  };
  return (
    <FormDialog title={t('ops.ticket.respondTitle', { customer: ticket.customer_name })} submitLabel={t('ops.tickets.respond')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('ops.ticket.note')} hint={t('ops.ticket.noteHint')}>
        {({ id, describedBy }) => <textarea id={id} className="input" rows={3} maxLength={4000} aria-describedby={describedBy} value={note} onChange={(e) => setNote(e.target.value)} />}
      </FormField>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}

/** 解决 (operators): a written resolution of at least 5 characters is required. */
export function ResolveTicketDialog({ ticket, onCancel, onDone }: { ticket: TicketRow; onCancel: () => void; onDone: (row: TicketRow) => void }) {
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<string>();
  const save = useAction((id: string, text: string) => resolveTicket(id, text));
  const submit = async () => {
    const text = resolution.trim();
    if (text.length < MIN_RESOLUTION) {
      setError(t('ops.ticket.resolutionTooShort'));
      return;
    }
    setError(undefined);
    const outcome = await save.run(ticket.id, text);
    if (outcome.ok) onDone(outcome.value);
  };
  return (
    <FormDialog title={t('ops.ticket.resolveTitle', { customer: ticket.customer_name })} submitLabel={t('ops.tickets.resolve')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('ops.ticket.resolution')} hint={t('ops.ticket.resolutionHint')} error={error}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} className="input" rows={4} maxLength={4000} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={resolution} onChange={(e) => setResolution(e.target.value)} />
        )}
      </FormField>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
