import { useState, type FormEvent } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { money, parseYuan } from '../lib/payment-format.ts';
import type { StallRow } from '../services/merchants.service.ts';
import { explainPrice, type ExplainQuery } from '../services/payment-reports.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FilterSelect } from './filter-select.tsx';
import { MemberSelect } from './member-select.tsx';

/** 'YYYY-MM-DDTHH:MM' for a datetime-local input, in the browser's zone. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 价格试算: member, stall, time, amount -> payment-explain, showing the zh-CN explanation lines. */
export function PriceExplainForm({ orgId, stalls, now = new Date() }: { orgId: string; stalls: readonly StallRow[]; now?: Date }) {
  const [memberId, setMemberId] = useState('');
  const [stallId, setStallId] = useState('');
  const [at, setAt] = useState(() => localInputValue(now));
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string>();
  const explain = useAction((query: ExplainQuery) => explainPrice(query));
  const [result, setResult] = useState<Awaited<ReturnType<typeof explainPrice>>>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!memberId || !stallId) {
      setProblem(t('pay.explain.pick'));
      return;
    }
    const amountFen = amount.trim() === '' ? undefined : parseYuan(amount);
    if (amount.trim() !== '' && (amountFen === undefined || amountFen <= 0)) {
      setProblem(t('pay.explain.badAmount'));
      return;
    }
    setProblem(undefined);
    const when = new Date(at);
    const outcome = await explain.run({ memberId, stallId, at: Number.isNaN(when.getTime()) ? undefined : when.toISOString(), amountFen });
    setResult(outcome.ok ? outcome.value : undefined);
  };

  return (
    <section aria-label={t('pay.explain.title')}>
      <h2>{t('pay.explain.title')}</h2>
      <p className="muted">{t('pay.explain.hint')}</p>
      <form className="toolbar__filters card" onSubmit={(e) => void submit(e)} noValidate>
        <MemberSelect orgId={orgId} value={memberId} onChange={(id) => setMemberId(id)} />
        <FilterSelect label={t('pay.explain.stall')} value={stallId} allLabel={t('pay.explain.pickStall')} options={stalls.map((s) => ({ value: s.id, label: s.name }))} onChange={setStallId} />
        <label>
          {t('pay.explain.at')} <input className="input input--compact" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </label>
        <label title={t('pay.explain.amountHint')}>
          {t('pay.explain.amount')} <input className="input input--compact" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
        <button type="submit" className="button button--small" disabled={explain.busy}>
          {explain.busy ? t('pay.explain.busy') : t('pay.explain.submit')}
        </button>
      </form>
      {problem ? <p className="notice notice--warn">{problem}</p> : null}
      {explain.error ? <ErrorNotice error={explain.error} /> : null}
      {result ? (
        <div className="card" data-testid="explain-result">
          <p>
            <strong>{t('pay.explain.result', { member: result.member.name, stall: result.stall.name, date: result.local.date, time: result.local.time })}</strong>
            {' · '}
            {result.quote.ok && result.quote.payFen !== undefined ? t('pay.explain.pay', { amount: money(result.quote.payFen) }) : t('pay.explain.refused')}
          </p>
          <ol>
            {result.explain['zh-CN'].map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
