import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { listBookingPeriods, listCanteens, setBookingCutoff, setTakesBookings, type BookingPeriodRow, type CanteenRow } from '../services/meal-booking.service.ts';
import { DataTable } from './data-table.tsx';
import { ErrorNotice } from './error-notice.tsx';

/** '' = not bookable; else whole minutes 0–10080. */
export function parseCutoff(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isInteger(n) && n >= 0 && n <= 10_080 ? n : undefined;
}

function CutoffCell({ orgId, period, disabled, onSaved }: { orgId: string; period: BookingPeriodRow; disabled: boolean; onSaved: (row: BookingPeriodRow) => void }) {
  const [text, setText] = useState(period.booking_cutoff_minutes === null ? '' : String(period.booking_cutoff_minutes));
  const [invalid, setInvalid] = useState(false);
  const save = useAction((minutes: number | null) => setBookingCutoff(orgId, period.id, minutes));
  const onSave = async () => {
    const minutes = parseCutoff(text);
    setInvalid(minutes === undefined);
    if (minutes === undefined) return;
    const outcome = await save.run(minutes);
    if (outcome.ok) onSaved(outcome.value);
  };
  const label = t('scenario.meal.cutoffOf', { name: period.name });
  return (
    <div className="field__row">
      <input className="input input--compact" inputMode="numeric" aria-label={label} aria-invalid={invalid || undefined} placeholder={t('scenario.meal.notBookable')} disabled={disabled} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="button" className="button button--ghost button--small" disabled={disabled || save.busy} onClick={() => void onSave()}>
        {save.busy ? t('common.saving') : t('common.save')}
      </button>
      {invalid ? <small className="field__error">{t('scenario.meal.cutoffRule')}</small> : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </div>
  );
}

const cutoffText = (p: BookingPeriodRow) => {
  if (p.booking_cutoff_minutes === null) return t('scenario.meal.notBookable');
  const h = Math.floor(p.booking_cutoff_minutes / 60);
  const m = p.booking_cutoff_minutes % 60;
  return t('scenario.meal.cutoffText', { h, m });
};

/** 报餐设置: per meal the booking cut-off (blank = not bookable), per merchant whether it takes bookings. Payment admins write these rows. */
export function MealBookingSettings({ orgId, canEdit, onMessage }: { orgId: string; canEdit: boolean; onMessage: (text: string) => void }) {
  const periods = useAsync(() => listBookingPeriods(orgId), [orgId]);
  const canteens = useAsync(() => listCanteens(orgId), [orgId]);
  const toggle = useAction((c: CanteenRow) => setTakesBookings(orgId, c.id, !c.takes_bookings));
  const onToggle = async (c: CanteenRow) => {
    const outcome = await toggle.run(c);
    if (outcome.ok) {
      onMessage(t(outcome.value.takes_bookings ? 'scenario.meal.canteenOn' : 'scenario.meal.canteenOff', { name: c.name }));
      canteens.reload();
    }
  };
  return (
    <section aria-label={t('scenario.meal.settings')}>
      <h2>{t('scenario.meal.settings')}</h2>
      {canEdit ? <p className="muted">{t('scenario.meal.settingsHint')}</p> : <p className="notice notice--warn">{t('scenario.meal.settingsReadOnly')}</p>}
      {[periods.error, canteens.error, toggle.error].map((error, i) => (error ? <ErrorNotice key={i} error={error} /> : null))}
      <DataTable
        loading={periods.loading}
        rows={periods.data}
        rowKey={(p) => p.id}
        empty={t('pay.meals.empty')}
        columns={[
          { header: t('pay.meals.name'), cell: (p) => p.name },
          { header: t('pay.meals.time'), cell: (p) => `${p.starts}–${p.ends}` },
          { header: t('scenario.meal.cutoffNow'), cell: cutoffText },
          {
            header: t('scenario.meal.cutoff'),
            cell: (p) => (
              <CutoffCell
                key={`${p.id}-${p.booking_cutoff_minutes}`}
                orgId={orgId}
                period={p}
                disabled={!canEdit}
                onSaved={(row) => {
                  onMessage(t('scenario.meal.cutoffSaved', { name: row.name }));
                  periods.reload();
                }}
              />
            ),
          },
        ]}
      />
      <DataTable
        loading={canteens.loading}
        rows={canteens.data}
        rowKey={(c) => c.id}
        empty={t('pay.merchants.empty')}
        columns={[
          { header: t('scenario.meal.canteen'), cell: (c) => c.name },
          { header: t('pay.status'), cell: (c) => (c.active ? t('pay.active') : t('pay.inactive')) },
          {
            header: t('scenario.meal.takesBookings'),
            cell: (c) => (
              <label>
                <input type="checkbox" aria-label={t('scenario.meal.takesBookingsOf', { name: c.name })} checked={c.takes_bookings} disabled={!canEdit || toggle.busy} onChange={() => void onToggle(c)} />{' '}
                {c.takes_bookings ? t('pay.yes') : t('pay.no')}
              </label>
            ),
          },
        ]}
      />
    </section>
  );
}
