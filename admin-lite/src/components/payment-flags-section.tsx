import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { money } from '../lib/payment-format.ts';
import { listOpenFlags, resolveFlag, type PaymentFlagRow } from '../services/payment-reports.service.ts';
import { DataTable } from './data-table.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

const detailText = (detail: Record<string, unknown>) => {
  const text = JSON.stringify(detail);
  return text === '{}' ? '' : text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/** 待处理异常: open payment flags and 标记已处理 with a note. */
export function PaymentFlagsSection({ orgId, onMessage }: { orgId: string; onMessage: (message: string) => void }) {
  const flags = useAsync(() => listOpenFlags(orgId), [orgId]);
  const [resolving, setResolving] = useState<PaymentFlagRow>();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const resolve = useAction((flag: PaymentFlagRow, text: string) => resolveFlag(flag.id, text));

  const submit = async (flag: PaymentFlagRow) => {
    const text = note.trim();
    if (text.length === 0 || text.length > 200) {
      setNoteError(t('pay.flags.noteRule'));
      return;
    }
    const outcome = await resolve.run(flag, text);
    if (outcome.ok) {
      setResolving(undefined);
      onMessage(t('pay.flags.resolved', { id: flag.id }));
      flags.reload();
    }
  };

  return (
    <section aria-label={t('pay.flags.title')}>
      <h2>{t('pay.flags.title')}</h2>
      <p className="muted">{t('pay.flags.hint')}</p>
      {flags.error ? <ErrorNotice error={flags.error} onRetry={flags.reload} /> : null}
      <DataTable
        loading={flags.loading}
        rows={flags.data}
        rowKey={(f) => f.id}
        empty={t('pay.flags.empty')}
        columns={[
          { header: t('pay.tx.time'), cell: (f) => formatDateTime(f.created_at) },
          { header: t('pay.tx.kind'), cell: (f) => t(`pay.flags.kind.${f.kind}`) },
          { header: t('pay.tx.member'), cell: (f) => f.member_name ?? t('common.none') },
          { header: t('pay.tx.amount'), cell: (f) => money(f.amount_fen) },
          { header: t('pay.flags.detail'), cell: (f) => <span className="mono">{detailText(f.detail)}</span> },
          {
            header: t('common.actions'),
            cell: (f) => (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => {
                  setResolving(f);
                  setNote('');
                  setNoteError(undefined);
                  resolve.reset();
                }}
              >
                {t('pay.flags.resolve')}
              </button>
            ),
          },
        ]}
      />
      {resolving ? (
        <FormDialog title={t('pay.flags.resolveTitle', { id: resolving.id })} submitLabel={t('pay.flags.resolve')} busyLabel={t('common.saving')} busy={resolve.busy} onSubmit={() => void submit(resolving)} onCancel={() => setResolving(undefined)}>
          <FormField label={t('pay.flags.note')} error={noteError}>
            {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={200} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={note} onChange={(e) => setNote(e.target.value)} />}
          </FormField>
          {resolve.error ? <ErrorNotice error={resolve.error} /> : null}
        </FormDialog>
      ) : null}
    </section>
  );
}
