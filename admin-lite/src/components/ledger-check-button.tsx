import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { ledgerCheck, type LedgerCheck } from '../services/payment-reports.service.ts';
import { ErrorNotice } from './error-notice.tsx';

/** 账本核对: runs ledger_check and says ok, or lists the unbalanced transactions and mismatched accounts. */
export function LedgerCheckButton({ orgId }: { orgId: string }) {
  const check = useAction(() => ledgerCheck(orgId));
  const [result, setResult] = useState<LedgerCheck>();
  const onCheck = async () => {
    setResult(undefined);
    const outcome = await check.run();
    if (outcome.ok) setResult(outcome.value);
  };
  return (
    <>
      <button type="button" className="button button--ghost button--small" disabled={check.busy} onClick={() => void onCheck()}>
        {check.busy ? t('pay.ledger.checking') : t('pay.ledger.check')}
      </button>
      {check.error ? <ErrorNotice error={check.error} /> : null}
      {result?.ok ? (
        <p className="notice notice--success" role="status">
          {t('pay.ledger.ok')}
        </p>
      ) : null}
      {result && !result.ok ? (
        <div className="notice notice--error" role="alert">
          <p>{t('pay.ledger.problems')}</p>
          <ul>
            {result.unbalanced_transactions.length > 0 ? <li>{t('pay.ledger.unbalanced', { ids: result.unbalanced_transactions.join('、') })}</li> : null}
            {result.mismatched_wallets.map((w) => (
              <li key={w.account_id}>{t('pay.ledger.mismatched', { account: w.account_id, balance: w.balance, entries: w.entries })}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
