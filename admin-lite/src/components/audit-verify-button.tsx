import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { verifyAuditChain, type ChainCheck } from '../services/audit.service.ts';
import { ErrorNotice } from './error-notice.tsx';

/** The database's problem texts (audit_verify_chain) in zh-CN; others are shown as they come. */
const PROBLEMS: ReadonlyArray<[RegExp, MessageKey]> = [
  [/before this one was removed/i, 'audit.problem.removed'],
  [/changed after it was written/i, 'audit.problem.changed'],
  [/latest rows were removed/i, 'audit.problem.tail'],
];

export const problemText = (problem: string) => {
  const key = PROBLEMS.find(([pattern]) => pattern.test(problem))?.[1];
  return key ? t(key) : problem;
};

/** 校验审计日志: runs audit_verify_chain for the org; says ok with the rows checked, or the first bad row and what is wrong. */
export function AuditVerifyButton({ orgId }: { orgId: string }) {
  const check = useAction(() => verifyAuditChain(orgId));
  const [result, setResult] = useState<ChainCheck>();
  const onCheck = async () => {
    setResult(undefined);
    const outcome = await check.run();
    if (outcome.ok) setResult(outcome.value);
  };
  return (
    <>
      <button type="button" className="button" disabled={check.busy} onClick={() => void onCheck()}>
        {check.busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      {check.error ? <ErrorNotice error={check.error} /> : null}
      {result?.ok ? (
        <p className="notice notice--success" role="status">
          {t('audit.ok', { checked: result.checked })}
        </p>
      ) : null}
      {result && !result.ok ? (
        <div className="notice notice--error" role="alert">
          <p>{t('audit.bad', { checked: result.checked })}</p>
          {result.first_bad_id != null ? <p>{t('audit.badRow', { id: result.first_bad_id })}</p> : null}
          {result.problem ? <p>{t('audit.problem', { problem: problemText(result.problem) })}</p> : null}
        </div>
      ) : null}
    </>
  );
}
