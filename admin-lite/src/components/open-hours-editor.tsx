import { t } from '../i18n/index.ts';
import { newWindow, WEEKDAYS, weekdayName, type OpenWindowDraft } from '../lib/open-hours.ts';

/** 开放时间: windows of weekdays and HH:MM–HH:MM (end may be 24:00); none = always open. */
export function OpenHoursEditor({ value, onChange }: { value: readonly OpenWindowDraft[]; onChange: (next: OpenWindowDraft[]) => void }) {
  const edit = (uid: string, patch: Partial<OpenWindowDraft>) => onChange(value.map((w) => (w.uid === uid ? { ...w, ...patch } : w)));
  return (
    <fieldset className="field">
      <legend className="field__label">{t('scenario.hours.title')}</legend>
      <p className="field__hint">{t('scenario.hours.hint')}</p>
      {value.map((w, i) => {
        const label = t('scenario.hours.window', { n: i + 1 });
        return (
          <div key={w.uid} className="repeat-row" role="group" aria-label={label}>
            <div className="check-list">
              {WEEKDAYS.map((day) => (
                <label key={day}>
                  <input
                    type="checkbox"
                    checked={w.days.includes(day)}
                    onChange={() => edit(w.uid, { days: w.days.includes(day) ? w.days.filter((d) => d !== day) : [...w.days, day].sort((a, b) => a - b) })}
                  />{' '}
                  {weekdayName(day)}
                </label>
              ))}
            </div>
            <input className="input input--compact" aria-label={`${label} ${t('scenario.hours.start')}`} placeholder="09:00" value={w.start} onChange={(e) => edit(w.uid, { start: e.target.value })} />
            <input className="input input--compact" aria-label={`${label} ${t('scenario.hours.end')}`} placeholder="18:00" value={w.end} onChange={(e) => edit(w.uid, { end: e.target.value })} />
            <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => onChange(value.filter((x) => x.uid !== w.uid))}>
              {t('scenario.hours.remove', { n: i + 1 })}
            </button>
          </div>
        );
      })}
      <button type="button" className="button button--ghost button--small" disabled={value.length >= 14} onClick={() => onChange([...value, newWindow()])}>
        {t('scenario.hours.add')}
      </button>
    </fieldset>
  );
}
