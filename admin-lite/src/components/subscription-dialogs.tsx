import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { money, parseCount, parseYuan } from '../lib/payment-format.ts';
import {
  cancelSubscription,
  createSubscription,
  quoteCancel,
  renewSubscription,
  type RefundQuote,
  type Subscription,
  type SubscriptionOverviewRow,
} from '../services/subscriptions.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

const parseYears = (text: string): number | undefined => (/^(10|[1-9])$/.test(text.trim()) ? Number(text.trim()) : undefined);

/** 新购: org, seats, yuan per seat (exact to the fen), start date, years. */
export function CreateSubscriptionDialog({ orgs, today, onCancel, onDone }: { orgs: readonly SubscriptionOverviewRow[]; today: string; onCancel: () => void; onDone: (subscription: Subscription, orgName: string) => void }) {
  const [orgId, setOrgId] = useState('');
  const [seats, setSeats] = useState('');
  const [price, setPrice] = useState('30');
  const [startsOn, setStartsOn] = useState(today);
  const [years, setYears] = useState('1');
  const [errors, setErrors] = useState<Partial<Record<'org' | 'seats' | 'price' | 'startsOn' | 'years', string>>>({});
  const save = useAction(createSubscription);
  const seatCount = parseCount(seats);
  const priceFen = parseYuan(price);
  const yearCount = parseYears(years);
  const total = seatCount !== undefined && priceFen !== undefined && priceFen >= 0 && yearCount !== undefined ? seatCount * priceFen : undefined;

  const submit = async () => {
    const found = {
      org: orgId ? undefined : t('ops.subs.pickOrg'),
      seats: seatCount === undefined ? t('ops.subs.badSeats') : undefined,
      price: priceFen === undefined || priceFen < 0 ? t('ops.subs.badPrice') : undefined,
      startsOn: /^\d{4}-\d{2}-\d{2}$/.test(startsOn) ? undefined : t('ops.subs.badDate'),
      years: yearCount === undefined ? t('ops.subs.badYears') : undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean) || seatCount === undefined || priceFen === undefined || yearCount === undefined) return;
    const outcome = await save.run({ orgId, seats: seatCount, pricePerSeatFen: priceFen, startsOn, years: yearCount });
    if (outcome.ok) onDone(outcome.value, orgs.find((o) => o.org_id === orgId)?.org_name ?? orgId);
  };

  return (
    <FormDialog title={t('ops.subs.createTitle')} submitLabel={t('ops.subs.create')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('ops.subs.org')} error={errors.org}>
        {({ id, describedBy, invalid }) => (
          <select id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={orgId} onChange={(e) => setOrgId(e.target.value)}>
            <option value="">{t('ops.subs.pickOrg')}</option>
            {orgs.map((o) => (
              <option key={o.org_id} value={o.org_id}>
                {o.org_name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={t('ops.subs.seatsLabel')} error={errors.seats}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={seats} onChange={(e) => setSeats(e.target.value)} />}
      </FormField>
      <FormField label={t('ops.subs.priceLabel')} error={errors.price}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode="decimal" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={price} onChange={(e) => setPrice(e.target.value)} />}
      </FormField>
      <FormField label={t('ops.subs.startsOn')} error={errors.startsOn}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" type="date" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />}
      </FormField>
      <FormField label={t('ops.subs.years')} error={errors.years}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={years} onChange={(e) => setYears(e.target.value)} />}
      </FormField>
      {total !== undefined ? <p data-testid="subscription-total">{t('ops.subs.total', { amount: money(total) })}</p> : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}

/** 续费: the next term from the end of the current one; seats may change. */
export function RenewSubscriptionDialog({ row, onCancel, onDone }: { row: SubscriptionOverviewRow; onCancel: () => void; onDone: (subscription: Subscription) => void }) {
  const [years, setYears] = useState('1');
  const [seats, setSeats] = useState(String(row.seats ?? ''));
  const [errors, setErrors] = useState<{ years?: string; seats?: string }>({});
  const save = useAction((id: string, options: { years: number; seats?: number }) => renewSubscription(id, options));
  const submit = async () => {
    const yearCount = parseYears(years);
    const seatCount = parseCount(seats);
    setErrors({ years: yearCount === undefined ? t('ops.subs.badYears') : undefined, seats: seatCount === undefined ? t('ops.subs.badSeats') : undefined });
    if (yearCount === undefined || seatCount === undefined || !row.subscription_id) return;
    const outcome = await save.run(row.subscription_id, { years: yearCount, ...(seatCount !== row.seats ? { seats: seatCount } : {}) });
    if (outcome.ok) onDone(outcome.value);
  };
  return (
    <FormDialog title={t('ops.subs.renewTitle', { org: row.org_name })} submitLabel={t('ops.subs.renew')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <p className="muted">{t('ops.subs.renewHint', { from: row.ends_on ?? '' })}</p>
      <FormField label={t('ops.subs.years')} error={errors.years}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={years} onChange={(e) => setYears(e.target.value)} />}
      </FormField>
      <FormField label={t('ops.subs.seatsLabel')} error={errors.seats}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={seats} onChange={(e) => setSeats(e.target.value)} />}
      </FormField>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}

export interface CancelResult {
  quoted: RefundQuote;
  refund: RefundQuote;
}

/** 退订: first the quote (term, used, remaining days, paid, refund) for the day, then the cancellation on that same day. */
export function CancelSubscriptionDialog({ row, today, onCancel, onDone }: { row: SubscriptionOverviewRow; today: string; onCancel: () => void; onDone: (result: CancelResult) => void }) {
  const subscriptionId = row.subscription_id ?? '';
  const [cancelOn, setCancelOn] = useState(today);
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(cancelOn);
  const quote = useAsync(() => (validDay ? quoteCancel(subscriptionId, cancelOn) : Promise.resolve(undefined)), [subscriptionId, cancelOn, validDay]);
  const cancel = useAction((id: string, day: string) => cancelSubscription(id, day));
  const quoted = quote.loading ? undefined : quote.data;

  const submit = async () => {
    if (!quoted) return;
    const outcome = await cancel.run(subscriptionId, cancelOn);
    if (outcome.ok) onDone({ quoted, refund: outcome.value.refund });
  };

  return (
    <FormDialog
      title={t('ops.subs.cancelTitle', { org: row.org_name })}
      submitLabel={t('ops.subs.confirmCancel')}
      busyLabel={t('ops.subs.cancelling')}
      busy={cancel.busy}
      submitDisabled={!quoted}
      danger
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <FormField label={t('ops.subs.cancelOn')}>{({ id }) => <input id={id} className="input" type="date" value={cancelOn} onChange={(e) => setCancelOn(e.target.value)} />}</FormField>
      {quote.loading ? <p className="muted">{t('ops.subs.quoting')}</p> : null}
      {quote.error ? <ErrorNotice error={quote.error} onRetry={quote.reload} /> : null}
      {quoted ? (
        <dl className="detail-list" data-testid="refund-quote">
          <div>
            <dt>{t('ops.subs.term')}</dt>
            <dd>
              {row.starts_on} – {row.ends_on}
            </dd>
          </div>
          <div>
            <dt>{t('ops.subs.quote.term')}</dt>
            <dd>{quoted.term_days}</dd>
          </div>
          <div>
            <dt>{t('ops.subs.quote.used')}</dt>
            <dd>{quoted.used_days}</dd>
          </div>
          <div>
            <dt>{t('ops.subs.quote.remaining')}</dt>
            <dd>{quoted.remaining_days}</dd>
          </div>
          <div>
            <dt>{t('ops.subs.quote.paid')}</dt>
            <dd>{money(quoted.paid_fen)}</dd>
          </div>
          <div>
            <dt>{t('ops.subs.quote.refund')}</dt>
            <dd>
              <strong>{money(quoted.refund_fen)}</strong>
            </dd>
          </div>
        </dl>
      ) : null}
      <p className="muted">{t('ops.subs.cancelHint')}</p>
      {cancel.error ? <ErrorNotice error={cancel.error} /> : null}
    </FormDialog>
  );
}
