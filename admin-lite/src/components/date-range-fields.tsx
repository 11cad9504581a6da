import { t } from '../i18n/index.ts';

export interface DateRangeFieldsProps {
  /** 'YYYY-MM-DD', both days included. */
  fromDate: string;
  untilDate: string;
  onFromChange: (value: string) => void;
  onUntilChange: (value: string) => void;
}

/** 开始日期 / 结束日期 inputs for a filter bar (`toolbar__filters`). */
export function DateRangeFields({ fromDate, untilDate, onFromChange, onUntilChange }: DateRangeFieldsProps) {
  return (
    <>
      <label>
        {t('events.from')} <input className="input input--compact" type="date" value={fromDate} onChange={(e) => onFromChange(e.target.value)} />
      </label>
      <label>
        {t('events.until')} <input className="input input--compact" type="date" value={untilDate} onChange={(e) => onUntilChange(e.target.value)} />
      </label>
    </>
  );
}
