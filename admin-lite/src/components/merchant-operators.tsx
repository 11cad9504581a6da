import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { addOperator, listOperators, removeOperator, type MerchantRow, type OperatorRow } from '../services/merchants.service.ts';
import { DataTable } from './data-table.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { MemberSelect } from './member-select.tsx';

/** 收款员 of a merchant: who they are, add one (member search), remove one. */
export function MerchantOperators({ orgId, merchant, onMessage }: { orgId: string; merchant: MerchantRow; onMessage: (message: string) => void }) {
  const operators = useAsync(() => listOperators(orgId, merchant.id), [orgId, merchant.id]);
  const [pick, setPick] = useState({ id: '', name: '' });
  const add = useAction((memberId: string) => addOperator(orgId, merchant.id, memberId));
  const remove = useAction((row: OperatorRow) => removeOperator(orgId, merchant.id, row.member_id));

  const onAdd = async () => {
    const outcome = await add.run(pick.id);
    if (outcome.ok) {
      onMessage(t('pay.operators.added', { name: pick.name }));
      setPick({ id: '', name: '' });
      operators.reload();
    }
  };
  const onRemove = async (row: OperatorRow) => {
    const outcome = await remove.run(row);
    if (outcome.ok) {
      onMessage(t('pay.operators.removed', { name: row.name ?? row.member_id }));
      operators.reload();
    }
  };

  return (
    <section aria-label={t('pay.operators.title')}>
      <h2>{t('pay.operators.title')}</h2>
      <p className="muted">{t('pay.operators.hint')}</p>
      {operators.error ? <ErrorNotice error={operators.error} onRetry={operators.reload} /> : null}
      {add.error ? <ErrorNotice error={add.error} /> : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <div className="toolbar__filters card">
        <MemberSelect orgId={orgId} value={pick.id} onChange={(id, name) => setPick({ id, name })} />
        <button type="button" className="button button--small" disabled={!pick.id || add.busy} onClick={() => void onAdd()}>
          {t('pay.operators.add')}
        </button>
      </div>
      <DataTable
        loading={operators.loading}
        rows={operators.data}
        rowKey={(o) => o.member_id}
        empty={t('pay.operators.empty')}
        columns={[
          { header: t('pay.member'), cell: (o) => o.name ?? t('pay.tx.unknownMember') },
          { header: t('pay.tx.employeeNo'), cell: (o) => o.employee_no ?? t('common.none') },
          {
            header: t('common.actions'),
            cell: (o) => (
              <button type="button" className="button button--ghost button--small button--danger-text" disabled={remove.busy} onClick={() => void onRemove(o)}>
                {t('common.remove')}
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}
