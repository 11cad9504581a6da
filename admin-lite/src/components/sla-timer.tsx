import { t } from '../i18n/index.ts';
import { formatShortDateTime } from '../lib/format.ts';
import { durationText, slaState } from '../lib/ticket-sla.ts';

export interface SlaTimerProps {
  /** The limit (respond_due / resolve_due). */
  due: string;
  /** When it was met (first_response_at / resolved_at), if it was. */
  doneAt: string | null;
  /** The database recorded the limit as missed (breached_response / breached_resolution). */
  breached: boolean;
  kind: 'respond' | 'resolve';
  now: Date;
}

/** 剩 25 分钟 / 超时 6 分钟 (red) / 11-25 16:05 已响应, with 已超时 when the database recorded a breach. */
export function SlaTimer({ due, doneAt, breached, kind, now }: SlaTimerProps) {
  const state = slaState(due, doneAt, now);
  return (
    <span className="sla-timer" title={formatShortDateTime(due, now)}>
      {state.kind === 'done' ? (
        <span className="muted">{t(kind === 'respond' ? 'ops.sla.respondedAt' : 'ops.sla.resolvedAt', { at: formatShortDateTime(state.at, now) })}</span>
      ) : state.kind === 'overdue' ? (
        <strong className="text-danger" data-overdue="true">
          {t('ops.sla.overdue', { time: durationText(state.minutes) })}
        </strong>
      ) : (
        <span>{t('ops.sla.left', { time: durationText(state.minutes) })}</span>
      )}
      {breached ? (
        <>
          {' '}
          <span className="badge badge--disabled">{t('ops.sla.breached')}</span>
        </>
      ) : null}
    </span>
  );
}
