import { t } from '../i18n/index.ts';
import { ALL_WEEKDAYS, weekdayLabel } from '../lib/access-rule-form.ts';
import type { WindowDraft } from '../lib/pricing-form.ts';

/** One local time window: HH:MM start and end, weekdays (none = every day). */
export function TimeWindowFields({ value, onChange, labelPrefix }: { value: WindowDraft; onChange: (value: WindowDraft) => void; labelPrefix: string }) {
  return (
    <div className="repeat-row">
      <div className="field__row">
        <input className="input input--compact" aria-label={`${labelPrefix}${t('pay.window.start')}`} placeholder="11:00" value={value.start} onChange={(e) => onChange({ ...value, start: e.target.value })} />
        <span>–</span>
        <input className="input input--compact" aria-label={`${labelPrefix}${t('pay.window.end')}`} placeholder="13:30" value={value.end} onChange={(e) => onChange({ ...value, end: e.target.value })} />
      </div>
      <div className="check-list" role="group" aria-label={`${labelPrefix}${t('pay.window.days')}`}>
        {ALL_WEEKDAYS.map((day) => (
          <label key={day}>
            <input
              type="checkbox"
              checked={value.days.includes(day)}
              onChange={() => onChange({ ...value, days: value.days.includes(day) ? value.days.filter((d) => d !== day) : [...value.days, day] })}
            />{' '}
            {weekdayLabel(day)}
          </label>
        ))}
      </div>
    </div>
  );
}
