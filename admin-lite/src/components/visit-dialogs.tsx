import { useState, type ReactNode } from 'react';
import type { FormField as FormFieldDef } from '@yima/shared';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { cancelVisit, listVisitApprovals, type VisitRow } from '../services/visits.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

const answerText = (value: unknown): string => (Array.isArray(value) ? value.map(String).join(t('common.listSeparator')) : value === null || value === undefined ? '' : String(value));

/** 访客详情: the visit, its approval chain and the application form answers (labels from the current form). */
export function VisitDetailDialog({ visit, formFields, onClose }: { visit: VisitRow; formFields: readonly FormFieldDef[]; onClose: () => void }) {
  const approvals = useAsync(() => listVisitApprovals(visit.id), [visit.id]);
  const purged = <span className="muted">{t('visitor.visits.purged')}</span>;
  const rows: Array<[string, ReactNode]> = [
    [t('visitor.visits.status'), t(`visitor.status.${visit.status}`)],
    [t('visitor.visits.source'), t(`visitor.source.${visit.source}`)],
    [t('visitor.visits.window'), `${formatDateTime(visit.window_from)} – ${formatDateTime(visit.window_until)}`],
    [t('visitor.visits.phone'), visit.purged_at ? purged : (visit.visitor_phone ?? t('common.none'))],
    [t('visitor.visits.idCard'), visit.purged_at ? purged : (visit.visitor_id_card ?? t('common.none'))],
    [t('visitor.visits.company'), visit.visitor_company ?? t('common.none')],
    [t('visitor.visits.identity'), visit.identity_type ?? t('common.none')],
    [t('visitor.visits.purpose'), visit.purpose ?? t('common.none')],
    [t('visitor.visits.companions'), visit.companions],
    [t('visitor.visits.host'), visit.host_name ?? t('common.none')],
    [t('visitor.visits.site'), visit.site_name ?? t('common.none')],
    [t('visitor.visits.checkedIn'), visit.checked_in_at ? formatDateTime(visit.checked_in_at) : t('common.none')],
    [t('visitor.visits.checkedOut'), visit.checked_out_at ? formatDateTime(visit.checked_out_at) : t('common.none')],
    [t('visitor.visits.createdAt'), formatDateTime(visit.created_at)],
  ];
  if (visit.reject_reason) rows.push([t('visitor.visits.rejectReason'), visit.reject_reason]);
  const labelOf = new Map(formFields.map((f) => [f.key, f.label]));
  const answers = Object.entries(visit.answers ?? {});
  const who = visit.approval_level === 1 || visit.approval_level === 2 ? t(`visitor.visits.levelWho.${visit.approval_level}`) : undefined;

  return (
    <FormDialog title={t('visitor.visits.detailTitle', { name: visit.visitor_name })} submitLabel="" hideSubmit wide cancelLabel={t('common.close')} onSubmit={onClose} onCancel={onClose}>
      <dl className="detail-list">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('visitor.visits.approvals')}</h3>
      {approvals.error ? <ErrorNotice error={approvals.error} onRetry={approvals.reload} /> : null}
      {approvals.data && approvals.data.length === 0 ? <p className="muted">{t('visitor.visits.noApprovals')}</p> : null}
      <ol aria-label={t('visitor.visits.approvals')}>
        {(approvals.data ?? []).map((a) => (
          <li key={a.id}>
            {t('visitor.visits.approvalLevel', { level: a.level })} · {a.approver_name ?? t('common.none')} · {t(`visitor.decision.${a.decision}`)} · {formatDateTime(a.at)}
            {a.comment ? `：${a.comment}` : ''}
          </li>
        ))}
      </ol>
      {visit.status === 'pending' && who ? <p className="muted">{t('visitor.visits.waiting', { who, total: visit.approvals_required })}</p> : null}
      <h3>{t('visitor.visits.answers')}</h3>
      {visit.purged_at ? (
        <p className="muted">{t('visitor.visits.purged')}</p>
      ) : answers.length === 0 ? (
        <p className="muted">{t('visitor.visits.noAnswers')}</p>
      ) : (
        <dl className="detail-list">
          {answers.map(([key, value]) => (
            <div key={key}>
              <dt>{labelOf.get(key) ?? key}</dt>
              <dd>{answerText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </FormDialog>
  );
}

/** 取消预约 with an optional reason (visit_cancel); the pass stops working. */
export function CancelVisitDialog({ visit, onDone, onCancel }: { visit: VisitRow; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const cancel = useAction((text: string) => cancelVisit(visit.id, text));
  const submit = async () => {
    if (reason.trim().length > 200) {
      setError(t('visitor.visits.cancelReasonRule'));
      return;
    }
    setError(undefined);
    const outcome = await cancel.run(reason);
    if (outcome.ok) onDone();
  };
  return (
    <FormDialog title={t('visitor.visits.cancelTitle', { name: visit.visitor_name })} submitLabel={t('visitor.visits.cancel')} busyLabel={t('common.saving')} busy={cancel.busy} danger onSubmit={() => void submit()} onCancel={onCancel}>
      <p>{t('visitor.visits.cancelBody')}</p>
      <FormField label={t('visitor.visits.cancelReason')} error={error}>
        {({ id, describedBy, invalid }) => <textarea id={id} className="input" rows={3} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      {cancel.error ? <ErrorNotice error={cancel.error} /> : null}
    </FormDialog>
  );
}
