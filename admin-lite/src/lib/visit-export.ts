// The 访客记录 xlsx export: one row per visit of the filter. ID-card numbers
// are written masked, as stored; purged visits say 已清除个人信息 instead
// of the phone and ID card.
import { t } from '../i18n/index.ts';
import type { VisitRow } from '../services/visits.service.ts';
import { formatDateTime } from './format.ts';
import { workbookOf } from './payment-export.ts';

type Cell = string | number;

export function visitHeader(): string[] {
  return [
    t('visitor.visits.windowFrom'),
    t('visitor.visits.windowUntil'),
    t('visitor.visits.visitor'),
    t('visitor.visits.phone'),
    t('visitor.visits.idCard'),
    t('visitor.visits.company'),
    t('visitor.visits.identity'),
    t('visitor.visits.purpose'),
    t('visitor.visits.companions'),
    t('visitor.visits.host'),
    t('visitor.visits.site'),
    t('visitor.visits.source'),
    t('visitor.visits.status'),
    t('visitor.visits.checkedIn'),
    t('visitor.visits.checkedOut'),
    t('visitor.visits.rejectReason'),
    t('visitor.visits.createdAt'),
    t('visitor.visits.id'),
  ];
}

const time = (iso: string | null, timeZone?: string) => (iso ? formatDateTime(iso, timeZone) : '');

export function visitSheetRows(rows: readonly VisitRow[], timeZone?: string): Cell[][] {
  const purged = t('visitor.visits.purged');
  return rows.map((v) => [
    time(v.window_from, timeZone),
    time(v.window_until, timeZone),
    v.visitor_name,
    v.purged_at ? purged : (v.visitor_phone ?? ''),
    v.purged_at ? purged : (v.visitor_id_card ?? ''),
    v.visitor_company ?? '',
    v.identity_type ?? '',
    v.purpose ?? '',
    v.companions,
    v.host_name ?? '',
    v.site_name ?? '',
    t(`visitor.source.${v.source}`),
    t(`visitor.status.${v.status}`),
    time(v.checked_in_at, timeZone),
    time(v.checked_out_at, timeZone),
    v.reject_reason ?? '',
    time(v.created_at, timeZone),
    v.id,
  ]);
}

export const visitsFileName = (fromDate: string, untilDate: string) => `${t('visitor.visits.title')}_${fromDate}_${untilDate}.xlsx`;

export function buildVisitsXlsx(rows: readonly VisitRow[], timeZone?: string): Promise<ArrayBuffer> {
  return workbookOf(t('visitor.visits.title'), visitHeader(), visitSheetRows(rows, timeZone), []);
}
