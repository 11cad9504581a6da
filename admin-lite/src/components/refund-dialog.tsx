import { useRef, useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { money, parseYuan, yuanText } from '../lib/payment-format.ts';
import { refundTransaction, type RefundInput, type RefundResult, type TransactionRow } from '../services/transactions.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

type Errors = Partial<Record<'amount' | 'count' | 'reason', string>>;

/** Typed refund -> integer fen and tickets, or what is wrong (the server still checks what is left to refund). */
export function checkRefund(tx: TransactionRow, amountText: string, countText: string, reason: string): { ok: true; amountFen: number; count: number; reason: string } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const amountFen = amountText.trim() === '' ? 0 : parseYuan(amountText);
  if (amountFen === undefined || amountFen < 0 || amountFen > tx.amount_fen) errors.amount = t('pay.refund.amountRule');
  const count = countText.trim() === '' ? 0 : /^\d+$/.test(countText.trim()) ? Number(countText.trim()) : undefined;
  if (count === undefined || count > tx.count) errors.count = t('pay.refund.countRule');
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > 200) errors.reason = t('pay.refund.reasonRule');
  if (!errors.amount && !errors.count && amountFen === 0 && count === 0) errors.amount = t('pay.refund.nothing');
  if (Object.keys(errors).length > 0 || amountFen === undefined || count === undefined) return { ok: false, errors };
  return { ok: true, amountFen, count, reason: trimmed };
}

/**
 * 退款 of a payment: amount in yuan (default: all of it), tickets for a count
 * payment, a reason. The request id is fresh for each distinct refund and
 * reused when the same refund is retried after a failure (idempotent).
 */
export function RefundDialog({ tx, onDone, onCancel }: { tx: TransactionRow; onDone: (result: RefundResult) => void; onCancel: () => void }) {
  const [amount, setAmount] = useState(tx.amount_fen > 0 ? yuanText(tx.amount_fen) : '');
  const [count, setCount] = useState(tx.count > 0 ? String(tx.count) : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const attempt = useRef<{ key: string; requestId: string }>();
  const refund = useAction((input: RefundInput) => refundTransaction(input));

  const submit = async () => {
    const checked = checkRefund(tx, amount, count, reason);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const key = `${checked.amountFen}|${checked.count}|${checked.reason}`;
    if (attempt.current?.key !== key) attempt.current = { key, requestId: crypto.randomUUID() };
    const outcome = await refund.run({ transactionId: tx.id, amountFen: checked.amountFen, count: checked.count, reason: checked.reason, requestId: attempt.current.requestId });
    if (outcome.ok) onDone(outcome.value);
  };

  return (
    <FormDialog
      title={t('pay.refund.title', { member: tx.member_name ?? t('pay.tx.unknownMember'), amount: money(tx.amount_fen) })}
      submitLabel={t('pay.refund.submit')}
      busyLabel={t('pay.refund.busy')}
      busy={refund.busy}
      danger
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <p className="muted">{t('pay.refund.hint', { amount: money(tx.amount_fen), subsidy: money(tx.subsidy_fen), cash: money(tx.cash_fen), count: tx.count })}</p>
      <FormField label={t('pay.refund.amount')} error={errors.amount}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode="decimal" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={amount} onChange={(e) => setAmount(e.target.value)} />}
      </FormField>
      {tx.count > 0 ? (
        <FormField label={t('pay.refund.count')} error={errors.count}>
          {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={count} onChange={(e) => setCount(e.target.value)} />}
        </FormField>
      ) : null}
      <FormField label={t('pay.refund.reason')} error={errors.reason}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={200} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      {refund.error ? <ErrorNotice error={refund.error} /> : null}
    </FormDialog>
  );
}
