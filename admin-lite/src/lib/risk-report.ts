// Pure helpers of the 安全风险 page: the device line of a risk event and the
// per-day counts by kind shown above the table.
import { t, type MessageKey } from '../i18n/index.ts';
import { RISK_EVENT_KINDS, type RiskEventKind, type RiskEventRow } from '../services/risk-events.service.ts';
import { isoDay } from './access-report.ts';

// Keys the mini-program may send in risk_events.detail (wx device / app info), in display order.
const DETAIL_LABELS: ReadonlyArray<[string, MessageKey]> = [
  ['brand', 'risk.detail.brand'],
  ['model', 'risk.detail.model'],
  ['system', 'risk.detail.system'],
  ['platform', 'risk.detail.platform'],
  ['version', 'risk.detail.version'],
  ['page', 'risk.detail.page'],
];
const PAGES: Record<string, MessageKey> = { card: 'risk.page.card' };

const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** `机型：iPhone 15 · 平台：ios · 页面：电子卡`: known keys labelled, other scalar keys as they are; '' when none. */
export function riskDetailText(detail: Record<string, unknown>): string {
  const known = new Set(DETAIL_LABELS.map(([k]) => k));
  const parts: string[] = [];
  for (const [key, label] of DETAIL_LABELS) {
    const value = detail[key];
    if (!scalar(value) || value === '') continue;
    const page = key === 'page' ? PAGES[String(value)] : undefined;
    parts.push(`${t(label)}：${page ? t(page) : String(value)}`);
  }
  for (const [key, value] of Object.entries(detail)) {
    if (!known.has(key) && scalar(value) && value !== '') parts.push(`${key}：${String(value)}`);
  }
  return parts.join(' · ');
}

export type DayKindCounts = { day: string; total: number } & Record<RiskEventKind, number>;

/** Counts per local day (newest first) and kind of the given rows. */
export function countByDay(rows: ReadonlyArray<Pick<RiskEventRow, 'at' | 'kind'>>): DayKindCounts[] {
  const days = new Map<string, DayKindCounts>();
  for (const row of rows) {
    const day = isoDay(new Date(row.at));
    let entry = days.get(day);
    if (!entry) {
      entry = { day, total: 0, ...(Object.fromEntries(RISK_EVENT_KINDS.map((k) => [k, 0])) as Record<RiskEventKind, number>) };
      days.set(day, entry);
    }
    entry[row.kind] += 1;
    entry.total += 1;
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}
