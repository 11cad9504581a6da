import { t } from '../i18n/index.ts';
import type { BreachRow } from '../services/tickets.service.ts';

const HEIGHT = 140;
const BAR = 14;
const GROUP = BAR * 2 + 14;

/** 每月超时工单 as plain SVG: per month a response-breach bar (amber) and a resolution-breach bar (red), each titled. */
export function BreachBarChart({ rows }: { rows: readonly BreachRow[] }) {
  if (rows.length === 0) return <p className="muted">{t('ops.report.empty')}</p>;
  const max = Math.max(1, ...rows.flatMap((r) => [r.response_breaches, r.resolution_breaches]));
  const width = rows.length * GROUP + 10;
  const bar = (r: BreachRow, i: number, which: 'response' | 'resolution') => {
    const count = which === 'response' ? r.response_breaches : r.resolution_breaches;
    const h = Math.round((count / max) * HEIGHT);
    const x = 10 + i * GROUP + (which === 'response' ? 0 : BAR);
    const kind = t(which === 'response' ? 'ops.report.responseBreaches' : 'ops.report.resolutionBreaches');
    return (
      <rect x={x} y={HEIGHT - h} width={BAR} height={h} fill={which === 'response' ? '#f59e0b' : '#dc2626'}>
        <title>{t('ops.report.bar', { month: r.month, kind, count, opened: r.opened })}</title>
      </rect>
    );
  };
  return (
    <div className="table-wrap">
      <svg role="img" aria-label={t('ops.report.chart')} width={width} height={HEIGHT + 20} viewBox={`0 0 ${width} ${HEIGHT + 20}`} data-testid="breach-chart">
        {rows.map((r, i) => (
          <g key={r.month}>
            {bar(r, i, 'response')}
            {bar(r, i, 'resolution')}
            <text x={10 + i * GROUP + BAR} y={HEIGHT + 14} fontSize="10" textAnchor="middle" fill="#6b7280">
              {r.month.slice(2)}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
