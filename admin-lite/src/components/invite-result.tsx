import { t } from '../i18n/index.ts';
import type { InviteSummary } from '../lib/invite-summary.ts';

/** What 短信通知领卡 did: sent, skipped (by reason, with names), failed. */
export function InviteResultNotice({ summary, onClose }: { summary: InviteSummary; onClose: () => void }) {
  const hasProblems = summary.skipped.length > 0 || summary.failed.length > 0;
  return (
    <div className={`notice notice--block ${summary.failed.length > 0 ? 'notice--warn' : 'notice--success'}`} role="status">
      <div className="notice__head">
        <strong>{t('invite.resultSent', { count: summary.sent })}</strong>
        <button type="button" className="button button--ghost button--small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {hasProblems ? (
        <ul className="notice__list">
          {summary.skipped.map((group) => (
            <li key={`s-${group.label}`}>
              {t('invite.resultSkipped', { reason: group.label, count: group.names.length, names: group.names.join('、') })}
            </li>
          ))}
          {summary.failed.map((group) => (
            <li key={`f-${group.label}`} className="text-danger">
              {t('invite.resultFailed', { reason: group.label, count: group.names.length, names: group.names.join('、') })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
