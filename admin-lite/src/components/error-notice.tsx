import { t } from '../i18n/index.ts';
import type { AppError } from '../services/errors.ts';

/** A failed load: the mapped zh-CN message, the backend code for support, and a retry. */
export function ErrorNotice({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <span>{error.message}</span>
      {error.code ? <span className="notice__code">{error.code}</span> : null}
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
