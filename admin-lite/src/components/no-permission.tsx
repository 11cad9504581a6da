import { t } from '../i18n/index.ts';
import type { AdminFunction } from '../services/admin-profile.service.ts';

const FUNCTION_LABELS = {
  notices: 'fn.notices',
  cards: 'fn.cards',
  config: 'fn.config',
  payment: 'fn.payment',
  apps: 'fn.apps',
} as const;

/** Shown in place of a page whose console function the admin lacks (a typed or old URL). */
export function NoPermission({ requires }: { requires: AdminFunction }) {
  return (
    <div className="page">
      <div className="notice notice--warn" role="alert">
        {t('common.noPermission', { fn: t(FUNCTION_LABELS[requires]) })}
      </div>
    </div>
  );
}
