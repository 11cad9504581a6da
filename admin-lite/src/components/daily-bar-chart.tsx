import { t } from '../i18n/index.ts';
import { money } from '../lib/payment-format.ts';
import type { DailyRow } from '../services/payment-reports.service.ts';

const HEIGHT = 160;
const BAR = 18;
const GAP = 6;

/** 每日净收入 as plain SVG bars (a negative day draws no bar); each bar titled with day, amount, payments. */
export function DailyBarChart({ rows }: { rows: readonly DailyRow[] }) {
  if (rows.length === 0) return <p className="muted">{t('pay.report.dailyEmpty')}</p>;
  const max = Math.max(1, ...rows.map((r) => r.net_fen));
  const width = rows.length * (BAR + GAP) + GAP;
  return (
    <div className="table-wrap">
      <svg role="img" aria-label={t('pay.report.daily')} width={width} height={HEIGHT + 20} viewBox={`0 0 ${width} ${HEIGHT + 20}`} data-testid="daily-chart">
        {rows.map((r, i) => {
          const h = Math.max(0, Math.round((r.net_fen / max) * HEIGHT));
          const x = GAP + i * (BAR + GAP);
          const label = t('pay.report.dayBar', { day: r.day, amount: money(r.net_fen), payments: r.payments });
          return (
            <g key={r.day}>
              <rect x={x} y={HEIGHT - h} width={BAR} height={h} fill="#2563eb">
                <title>{label}</title>
              </rect>
              <text x={x + BAR / 2} y={HEIGHT + 14} fontSize="10" textAnchor="middle" fill="#6b7280">
                {r.day.slice(8)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
