import { useState } from 'react';
import { daySpan, isoDay } from '../lib/access-report.ts';

export interface DateRange {
  fromDate: string;
  untilDate: string;
  setFromDate: (day: string) => void;
  setUntilDate: (day: string) => void;
  /** At least one day, and at most `maxDays` when given. */
  rangeOk: boolean;
}

/** A report's 起止日期 (YYYY-MM-DD), from `start(today)` until today. */
export function useDateRange(today: Date, start: (today: Date) => string, maxDays?: number): DateRange {
  const [fromDate, setFromDate] = useState(() => start(today));
  const [untilDate, setUntilDate] = useState(() => isoDay(today));
  const span = daySpan(fromDate, untilDate);
  const rangeOk = Number.isFinite(span) && span >= 1 && (maxDays === undefined || span <= maxDays);
  return { fromDate, untilDate, setFromDate, setUntilDate, rangeOk };
}
