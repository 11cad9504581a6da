import { t } from '../i18n/index.ts';

/** Shown instead of the app when start-up config is missing or invalid. */
export function ConfigErrorScreen({ detail, onRetry }: { detail: string; onRetry: () => void }) {
  return (
    <div className="center-screen">
      <div className="card card--narrow" role="alert">
        <h1>{t('config.errorTitle')}</h1>
        <p>{t('config.errorBody')}</p>
        <pre className="code-block">{t('config.errorDetail', { detail })}</pre>
        <button type="button" className="button" onClick={onRetry}>
          {t('config.retry')}
        </button>
      </div>
    </div>
  );
}
